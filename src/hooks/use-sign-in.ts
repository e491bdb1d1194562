'use client'
import type { Session, SignInParams } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Signs in with an identifier (email or username) and a password: `mutate({ identifier, password })`.
 * On success the new session is in the cache and useUser() reports the user; a wrong password or an
 * unknown identifier is `error` (422), a rate limit is a 429 with `error.retryAfter`.
 */
export function useSignIn(): UserkitMutation<Session, SignInParams> {
  return useUserkitMutation('useSignIn', (client, params: SignInParams) => client.signIn(params))
}
