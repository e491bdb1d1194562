'use client'
import type { PhoneNumber } from '../api/index.ts'
import type { AttemptVerificationVars } from './use-attempt-email-verification.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Checks the SMS code: `mutate({ id, code })`. The same errors as useAttemptEmailVerification
 * (`form_code_incorrect`, `verification_expired`, `verification_failed`).
 */
export function useAttemptPhoneVerification(): UserkitMutation<PhoneNumber, AttemptVerificationVars> {
  return useUserkitMutation('useAttemptPhoneVerification', (client, { id, code }: AttemptVerificationVars) =>
    client.attemptPhoneVerification(id, code),
  )
}
