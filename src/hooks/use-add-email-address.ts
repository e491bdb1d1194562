'use client'
import type { EmailAddress } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Adds an email address to the signed-in user, unverified: `mutateAsync('ada@example.com')`.
 * The answer's `response` is the new address (send it a code with usePrepareEmailVerification);
 * a taken address is `error` 422 `form_identifier_exists`, a malformed one `form_param_format_invalid`.
 */
export function useAddEmailAddress(): UserkitMutation<EmailAddress, string> {
  return useUserkitMutation('useAddEmailAddress', (client, emailAddress: string) => client.addEmailAddress(emailAddress))
}
