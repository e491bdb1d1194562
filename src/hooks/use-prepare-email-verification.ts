'use client'
import type { EmailAddress, PrepareEmailVerificationParams } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/** What usePrepareEmailVerification's `mutate` takes. */
export interface PrepareEmailVerificationVars extends PrepareEmailVerificationParams {
  /** The email address to verify. */
  id: string
}

/**
 * Sends a 6-digit code (`strategy: 'email_code'`, the default) or a link (`'email_link'`) to one of
 * the user's email addresses: `mutate({ id })`. Sending again too soon is `error` with status 429
 * and `error.retryAfter` in seconds.
 */
export function usePrepareEmailVerification(): UserkitMutation<EmailAddress, PrepareEmailVerificationVars> {
  return useUserkitMutation('usePrepareEmailVerification', (client, { id, ...params }: PrepareEmailVerificationVars) =>
    client.prepareEmailVerification(id, params),
  )
}
