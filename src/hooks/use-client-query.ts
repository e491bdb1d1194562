'use client'
import { type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { UserkitApiError } from '../api/errors.ts'
import type { Client } from '../api/index.ts'
import { userkitQueries } from './keys.ts'
import { useUserkit } from './use-userkit.ts'

/**
 * The client query, shared by useUser, useAuth and useUserkitStatus: one request however many
 * components call them. Internal; the public hooks shape what it returns.
 */
export function useClientQuery(hookName: string): UseQueryResult<Client | null, UserkitApiError> {
  const { client, queryClient } = useUserkit(hookName)
  return useQuery(userkitQueries.client(client), queryClient)
}
