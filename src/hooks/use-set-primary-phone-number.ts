'use client'
import type { User } from '../api/index.ts'
import { withPrimaryPhone } from './optimistic.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Makes a verified phone number the primary one: `mutate(id)`. useUser() shows it at once; the
 * old primary comes back if the server refuses.
 */
export function useSetPrimaryPhoneNumber(): UserkitMutation<User, string> {
  return useUserkitMutation(
    'useSetPrimaryPhoneNumber',
    (client, id: string) => client.updateMe({ primaryPhoneNumberId: id }),
    { optimistic: withPrimaryPhone },
  )
}
