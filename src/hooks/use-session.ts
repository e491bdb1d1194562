'use client'
import { activeSession } from '../api/parse.ts'
import type { Session } from '../api/types.ts'
import { useClientQuery } from './use-client-query.ts'

/** useSession's answer: not loaded yet, signed out, or the active session. */
export type UseSessionReturn =
  | { isLoaded: false; isSignedIn: undefined; session: undefined }
  | { isLoaded: true; isSignedIn: false; session: null }
  | { isLoaded: true; isSignedIn: true; session: Session }

/** The browser's active session (its id, status, user and times), from the same query as useUser(). */
export function useSession(): UseSessionReturn {
  const { data } = useClientQuery('useSession')
  if (data === undefined) return { isLoaded: false, isSignedIn: undefined, session: undefined }
  const session = activeSession(data)
  return session ? { isLoaded: true, isSignedIn: true, session } : { isLoaded: true, isSignedIn: false, session: null }
}
