'use client'
import type { DeletedObject } from '../api/index.ts'
import { withoutPhone } from './optimistic.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Removes one of the user's phone numbers: `mutate(id)`. It leaves useUser() at once and comes
 * back if the server refuses.
 */
export function useRemovePhoneNumber(): UserkitMutation<DeletedObject, string> {
  return useUserkitMutation('useRemovePhoneNumber', (client, id: string) => client.removePhoneNumber(id), {
    optimistic: withoutPhone,
  })
}
