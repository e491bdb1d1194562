'use client'
import type { DeletedObject } from '../api/index.ts'
import { withoutEmail } from './optimistic.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Removes one of the user's email addresses: `mutate(id)`. It leaves useUser() at once and comes
 * back if the server refuses (the primary address, the last verified one: 422; not the user's: 404).
 */
export function useRemoveEmailAddress(): UserkitMutation<DeletedObject, string> {
  return useUserkitMutation('useRemoveEmailAddress', (client, id: string) => client.removeEmailAddress(id), {
    optimistic: withoutEmail,
  })
}
