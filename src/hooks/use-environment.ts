'use client'
import { useQuery } from '@tanstack/react-query'
import type { UserkitApiError } from '../api/errors.ts'
import type { Environment } from '../api/types.ts'
import { userkitQueries } from './keys.ts'
import { useUserkit } from './use-userkit.ts'

export interface UseEnvironmentReturn {
  /** The public settings; `undefined` until loaded. */
  environment: Environment | undefined
  isLoaded: boolean
  /** Why loading failed; `null` otherwise. */
  error: UserkitApiError | null
}

/** The server's public settings (enabled attributes, username rules, OAuth providers), read once per page. */
export function useEnvironment(): UseEnvironmentReturn {
  const { client, queryClient } = useUserkit('useEnvironment')
  const { data, error } = useQuery(userkitQueries.environment(client), queryClient)
  return { environment: data, isLoaded: data !== undefined, error }
}
