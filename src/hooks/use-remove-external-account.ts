'use client'
import type { DeletedObject, User } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

const withoutAccount = (user: User, id: string): User => ({
  ...user,
  externalAccounts: user.externalAccounts.filter((a) => a.id !== id),
})

/**
 * Disconnects a connected account: `mutate(id)`. It leaves useUser() at once and comes back if the
 * server refuses (422 `form_identification_needed` when it brought the only verified email; 404
 * when it is not the user's).
 */
export function useRemoveExternalAccount(): UserkitMutation<DeletedObject, string> {
  return useUserkitMutation('useRemoveExternalAccount', (client, id: string) => client.removeExternalAccount(id), {
    optimistic: withoutAccount,
  })
}
