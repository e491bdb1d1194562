'use client'
import type { PhoneNumber } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Adds a phone number to the signed-in user, unverified: `mutateAsync('+14155550100')`. E.164 is
 * safest; the server parses other forms with its default country and stores E.164. An invalid
 * number is `error` 422 `form_param_format_invalid`, a taken one `form_identifier_exists`.
 */
export function useAddPhoneNumber(): UserkitMutation<PhoneNumber, string> {
  return useUserkitMutation('useAddPhoneNumber', (client, phoneNumber: string) => client.addPhoneNumber(phoneNumber))
}
