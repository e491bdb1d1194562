'use client'
import { type UseMutationResult, useMutation } from '@tanstack/react-query'
import { UserkitApiError } from '../api/errors.ts'
import type { Client, Result, User, UserkitClient } from '../api/index.ts'
import { writeClient, withActiveUser } from './cache.ts'
import { userkitKeys } from './keys.ts'
import { useUserkit } from './use-userkit.ts'

export interface UserkitMutationOptions<TVars> {
  /** Applies the change to the cached user at once; the snapshot comes back if the server refuses. */
  optimistic?: (user: User, vars: TVars) => User
}

/** A kit mutation: TanStack's mutation result, with a typed error kept as state. */
export type UserkitMutation<T, TVars> = UseMutationResult<Result<T>, UserkitApiError, TVars, MutationContext>

type MutationContext = { previous: Client | null | undefined }

/**
 * The plumbing every mutation hook shares: on success the answer's `client` goes into the cache
 * (no refetch); a 401 writes `null` (signed out); any other error restores the optimistic snapshot.
 */
export function useUserkitMutation<TVars, T>(
  hookName: string,
  call: (client: UserkitClient, vars: TVars) => Promise<Result<T>>,
  options: UserkitMutationOptions<TVars> = {},
): UserkitMutation<T, TVars> {
  const { client, queryClient } = useUserkit(hookName)
  const { optimistic } = options
  return useMutation<Result<T>, UserkitApiError, TVars, MutationContext>(
    {
      mutationFn: (vars) => call(client, vars),
      onMutate: async (vars) => {
        if (!optimistic) return { previous: undefined }
        await queryClient.cancelQueries({ queryKey: userkitKeys.client })
        const previous = queryClient.getQueryData<Client | null>(userkitKeys.client)
        if (previous) queryClient.setQueryData(userkitKeys.client, withActiveUser(previous, (u) => optimistic(u, vars)))
        return { previous }
      },
      onSuccess: (result) => writeClient(queryClient, result.client),
      onError: async (error, _vars, context) => {
        if (error instanceof UserkitApiError && error.status === 401) await writeClient(queryClient, null)
        else if (context?.previous !== undefined) queryClient.setQueryData(userkitKeys.client, context.previous)
      },
    },
    queryClient,
  )
}
