'use client'
import type { DeletedObject, Image } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Uploads the user's avatar (`mutate(file)`: png, jpeg, gif or webp, at most the environment's
 * `profileImage.maxBytes`), or removes it with `mutate(null)`. The new `imageUrl` reaches
 * useUser() from the answer, without a refetch.
 */
export function useSetProfileImage(): UserkitMutation<Image | DeletedObject, Blob | null> {
  return useUserkitMutation<Blob | null, Image | DeletedObject>('useSetProfileImage', (client, file) =>
    file ? client.setProfileImage(file) : client.removeProfileImage(),
  )
}
