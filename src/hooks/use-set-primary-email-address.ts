'use client'
import type { User } from '../api/index.ts'
import { withPrimaryEmail } from './optimistic.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Makes a verified email address the primary one: `mutate(id)`. useUser() shows it at once; the
 * old primary comes back if the server refuses (an unverified address: 422).
 */
export function useSetPrimaryEmailAddress(): UserkitMutation<User, string> {
  return useUserkitMutation(
    'useSetPrimaryEmailAddress',
    (client, id: string) => client.updateMe({ primaryEmailAddressId: id }),
    { optimistic: withPrimaryEmail },
  )
}
