'use client'
import { type UseMutationResult, useMutation } from '@tanstack/react-query'
import { UserkitApiError } from '../api/errors.ts'
import { clearUserkitCache } from './cache.ts'
import { useUserkit } from './use-userkit.ts'

export interface SignOutOptions {
  /** End only this session. Default: every session of this browser. */
  sessionId?: string
  /** Where to go afterwards. Default: the provider's `afterSignOutUrl` (none: stay on the page). */
  redirectUrl?: string
}

/**
 * Signs out: `mutate()` or `mutate({ redirectUrl })`. On success (or a 401: already signed out)
 * it clears the kit's cache, so useUser() reports signed out, then navigates to the redirect URL
 * when there is one. Other failures are `error` and leave the session as it was.
 */
export function useSignOut(): UseMutationResult<void, UserkitApiError, SignOutOptions | void> {
  const { client, queryClient, afterSignOutUrl, navigate } = useUserkit('useSignOut')
  return useMutation<void, UserkitApiError, SignOutOptions | void>(
    {
      mutationFn: async (options) => {
        try {
          await (options?.sessionId ? client.endSession(options.sessionId) : client.signOut())
        } catch (error) {
          if (!(error instanceof UserkitApiError && error.status === 401)) throw error
        }
        await clearUserkitCache(queryClient)
        const url = options?.redirectUrl ?? afterSignOutUrl
        if (url) navigate(url)
      },
    },
    queryClient,
  )
}
