import { queryOptions } from '@tanstack/react-query'
import { UserkitApiError } from '../api/errors.ts'
import type { Client, Environment, UserkitClient } from '../api/index.ts'

/** Every key the kit uses sits under `['userkit']`, so sign-out can clear them all at once. */
export const userkitKeys = {
  all: ['userkit'] as const,
  environment: ['userkit', 'environment'] as const,
  client: ['userkit', 'client'] as const,
  /** One email address, polled while a verification link is out (useEmailLinkVerification). */
  emailAddress: (id: string) => ['userkit', 'email_address', id] as const,
}

/** How long the client counts as fresh: mounting more components within it sends no request. */
export const CLIENT_STALE_TIME = 5_000

/** Retries network errors and 5xx twice; a 4xx will not change by asking again. */
export function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  const status = error instanceof UserkitApiError ? error.status : 0
  return failureCount < 2 && !(status >= 400 && status < 500)
}

/**
 * Query options factory: key and fetcher together, for `useQuery`, `prefetchQuery`,
 * `getQueryData` and `setQueryData` alike.
 */
export const userkitQueries = {
  /** The public settings: read once per page load (staleTime Infinity). */
  environment: (client: UserkitClient) =>
    queryOptions<Environment, UserkitApiError, Environment, typeof userkitKeys.environment>({
      queryKey: userkitKeys.environment,
      queryFn: () => client.getEnvironment(),
      staleTime: Number.POSITIVE_INFINITY,
      retry: retryUnlessClientError,
    }),
  /** The browser's client (sessions + user); `null` when signed out. Refetched when the window regains focus. */
  client: (client: UserkitClient) =>
    queryOptions<Client | null, UserkitApiError, Client | null, typeof userkitKeys.client>({
      queryKey: userkitKeys.client,
      queryFn: async () => {
        try {
          return await client.getClient()
        } catch (error) {
          // A 401 is an answer, not a failure: nobody is signed in.
          if (error instanceof UserkitApiError && error.status === 401) return null
          throw error
        }
      },
      staleTime: CLIENT_STALE_TIME,
      refetchOnWindowFocus: true,
      retry: retryUnlessClientError,
    }),
}
