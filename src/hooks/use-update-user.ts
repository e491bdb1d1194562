'use client'
import type { UpdateMeParams, User } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Changes the signed-in user's names, username or primary identifiers:
 * `mutate({ firstName: 'Ada' })`. Only the keys given are sent; `null` clears a name. The answer
 * updates useUser() without a refetch; validation errors are `error` with `meta.paramName`.
 */
export function useUpdateUser(): UserkitMutation<User, UpdateMeParams> {
  return useUserkitMutation('useUpdateUser', (client, params: UpdateMeParams) => client.updateMe(params))
}
