'use client'
import { useCallback } from 'react'
import { activeSession } from '../api/parse.ts'
import type { GetTokenOptions } from '../api/tokens.ts'
import { useClientQuery } from './use-client-query.ts'
import { type SignOutOptions, useSignOut } from './use-sign-out.ts'
import { useUserkit } from './use-userkit.ts'

type SignOut = (options?: SignOutOptions) => Promise<void>

/** A session token for your backend (`Authorization: Bearer …`), cached and refreshed; `null` when signed out. */
export type GetToken = (options?: GetTokenOptions) => Promise<string | null>

/** useAuth's answer: the same three states as useUser(), with ids instead of the user. */
export type UseAuthReturn = { signOut: SignOut; getToken: GetToken } & (
  | { isLoaded: false; isSignedIn: undefined; userId: undefined; sessionId: undefined }
  | { isLoaded: true; isSignedIn: false; userId: null; sessionId: null }
  | { isLoaded: true; isSignedIn: true; userId: string; sessionId: string }
)

/**
 * The session's ids, `getToken` and `signOut`. `getToken()` keeps one identity across renders
 * (safe in effect dependencies) and resolves `null` when signed out. `signOut()` never rejects
 * (safe in an onClick): it resolves once done; to show a failure, use useSignOut(), which keeps
 * the error as state.
 */
export function useAuth(): UseAuthReturn {
  const { client } = useUserkit('useAuth')
  const { data } = useClientQuery('useAuth')
  const { mutateAsync } = useSignOut()
  const signOut = useCallback<SignOut>((options) => mutateAsync(options).catch(() => undefined), [mutateAsync])
  const getToken = useCallback<GetToken>((options) => client.getToken(options), [client])
  if (data === undefined) {
    return { isLoaded: false, isSignedIn: undefined, userId: undefined, sessionId: undefined, signOut, getToken }
  }
  const session = activeSession(data)
  return session
    ? { isLoaded: true, isSignedIn: true, userId: session.userId, sessionId: session.id, signOut, getToken }
    : { isLoaded: true, isSignedIn: false, userId: null, sessionId: null, signOut, getToken }
}
