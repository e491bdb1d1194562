'use client'
import type { EmailAddress } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/** What useAttemptEmailVerification's `mutate` takes. */
export interface AttemptVerificationVars {
  /** The email address or phone number being verified. */
  id: string
  /** The 6-digit code the user received. */
  code: string
}

/**
 * Checks the code sent to an email address: `mutate({ id, code })`. On success the address is
 * verified in useUser() at once. A wrong code is `error` 422 `form_code_incorrect`; an old one
 * `verification_expired`; after 5 wrong codes `verification_failed` (send a new code).
 */
export function useAttemptEmailVerification(): UserkitMutation<EmailAddress, AttemptVerificationVars> {
  return useUserkitMutation('useAttemptEmailVerification', (client, { id, code }: AttemptVerificationVars) =>
    client.attemptEmailVerification(id, code),
  )
}
