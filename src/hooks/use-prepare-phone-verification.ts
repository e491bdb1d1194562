'use client'
import type { PhoneNumber } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Sends a 6-digit code by SMS to one of the user's phone numbers: `mutate(id)`. Sending again too
 * soon is `error` with status 429 and `error.retryAfter` in seconds.
 */
export function usePreparePhoneVerification(): UserkitMutation<PhoneNumber, string> {
  return useUserkitMutation('usePreparePhoneVerification', (client, id: string) => client.preparePhoneVerification(id))
}
