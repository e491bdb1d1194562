'use client'
import { activeSession } from '../api/parse.ts'
import type { User } from '../api/types.ts'
import { useClientQuery } from './use-client-query.ts'

/** useUser's answer: not loaded yet, signed out, or signed in with the user. */
export type UseUserReturn =
  | { isLoaded: false; isSignedIn: undefined; user: undefined }
  | { isLoaded: true; isSignedIn: false; user: null }
  | { isLoaded: true; isSignedIn: true; user: User }

const NOT_LOADED: UseUserReturn = { isLoaded: false, isSignedIn: undefined, user: undefined }
const SIGNED_OUT: UseUserReturn = { isLoaded: true, isSignedIn: false, user: null }

/**
 * The signed-in user, from the client's last active session. Refreshes when the window regains
 * focus and after every kit mutation. A failed refresh keeps the last known state; a failure with
 * nothing known stays `isLoaded: false` (read the error with useUserkitStatus()).
 */
export function useUser(): UseUserReturn {
  const { data } = useClientQuery('useUser')
  if (data === undefined) return NOT_LOADED
  const user = activeSession(data)?.user
  return user ? { isLoaded: true, isSignedIn: true, user } : SIGNED_OUT
}
