'use client'
import { useCallback } from 'react'
import { activeSession } from '../api/parse.ts'
import { useClientQuery } from './use-client-query.ts'
import { type SignOutOptions, useSignOut } from './use-sign-out.ts'

type SignOut = (options?: SignOutOptions) => Promise<void>

/** useAuth's answer: the same three states as useUser(), with ids instead of the user. */
export type UseAuthReturn = { signOut: SignOut } & (
  | { isLoaded: false; isSignedIn: undefined; userId: undefined; sessionId: undefined }
  | { isLoaded: true; isSignedIn: false; userId: null; sessionId: null }
  | { isLoaded: true; isSignedIn: true; userId: string; sessionId: string }
)

/**
 * The session's ids and a `signOut` function. `signOut()` never rejects (safe in an onClick):
 * it resolves once done; to show a failure, use useSignOut(), which keeps the error as state.
 */
export function useAuth(): UseAuthReturn {
  const { data } = useClientQuery('useAuth')
  const { mutateAsync } = useSignOut()
  const signOut = useCallback<SignOut>((options) => mutateAsync(options).catch(() => undefined), [mutateAsync])
  if (data === undefined) {
    return { isLoaded: false, isSignedIn: undefined, userId: undefined, sessionId: undefined, signOut }
  }
  const session = activeSession(data)
  return session
    ? { isLoaded: true, isSignedIn: true, userId: session.userId, sessionId: session.id, signOut }
    : { isLoaded: true, isSignedIn: false, userId: null, sessionId: null, signOut }
}
