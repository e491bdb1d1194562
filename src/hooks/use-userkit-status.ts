'use client'
import type { UserkitApiError } from '../api/errors.ts'
import { useClientQuery } from './use-client-query.ts'

export interface UserkitStatus {
  /** `'loading'` before the first answer, `'error'` when the last load failed, else `'ready'`. */
  status: 'loading' | 'ready' | 'error'
  /** Why the last load failed (network, 5xx); `null` otherwise. A 401 is not an error: it is signed out. */
  error: UserkitApiError | null
  /** Asks the server again. */
  retry: () => void
}

/**
 * The state of loading the session, for a banner or a retry button. useUser() keeps showing the
 * last known user while this reports an error.
 */
export function useUserkitStatus(): UserkitStatus {
  const { status, error, refetch } = useClientQuery('useUserkitStatus')
  return {
    status: status === 'pending' ? 'loading' : status === 'error' ? 'error' : 'ready',
    error,
    retry: () => void refetch(),
  }
}
