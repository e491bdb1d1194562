'use client'
import { useQuery } from '@tanstack/react-query'
import type { VerificationStatus } from '../api/types.ts'
import { writeClient } from './cache.ts'
import { userkitKeys } from './keys.ts'
import { useUserkit } from './use-userkit.ts'

/** How often the address is asked about while its link is out, in milliseconds. */
export const LINK_POLL_INTERVAL = 2_000

export interface UseEmailLinkVerificationOptions {
  /** Poll only while true (the "check your inbox" step is shown). Default: `true`. */
  enabled?: boolean
  /** Milliseconds between checks. Default: 2000. */
  interval?: number
}

/**
 * Waits for a verification link to be opened, in this browser or any other: while enabled and
 * mounted it asks the server about the address every `interval` ms, and once it is verified writes
 * the answer's client into the cache (so useUser() shows it) and stops. Returns the last status seen.
 */
export function useEmailLinkVerification(
  id: string | null | undefined,
  { enabled = true, interval = LINK_POLL_INTERVAL }: UseEmailLinkVerificationOptions = {},
): VerificationStatus | undefined {
  const { client, queryClient } = useUserkit('useEmailLinkVerification')
  const { data } = useQuery(
    {
      queryKey: userkitKeys.emailAddress(id ?? ''),
      queryFn: async () => {
        const result = await client.getEmailAddress(id as string)
        const status = result.response.verification?.status ?? 'unverified'
        if (status === 'verified') await writeClient(queryClient, result.client)
        return status
      },
      enabled: enabled && Boolean(id),
      refetchInterval: (query) => (query.state.data === 'verified' ? false : interval),
      // A background tab still wants to notice the link opened in another tab.
      refetchIntervalInBackground: true,
      staleTime: 0,
      gcTime: 0,
      retry: false,
    },
    queryClient,
  )
  return data
}
