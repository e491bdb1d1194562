'use client'
import { QueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { createUserkitClient, type UserkitClient } from '../api/index.ts'
import { en, type Localization, mergeMessages } from '../localization/index.ts'
import { clearUserkitCache } from './cache.ts'
import { UserkitContext, type UserkitContextValue } from './context.ts'
import { useSessionCookie } from './session-cookie.ts'

export interface UserkitProviderProps {
  children?: ReactNode
  /** A client made with `createUserkitClient()`. Default: one made from `baseUrl`. */
  client?: UserkitClient
  /** Where the userkit server lives, when `client` is not given. Default `''`: the page's own origin. */
  baseUrl?: string
  /** The app's QueryClient, to share one cache. Default: the provider's own, created once. */
  queryClient?: QueryClient
  /** Any subset of the English catalog, merged over it. Default: English. */
  localization?: Localization
  /** Where to go after signing out. Default: stay on the page (signed out). */
  afterSignOutUrl?: string
  /** How to go to a URL (a router's push). Default: `window.location.assign`. */
  navigate?: (url: string) => void
  /**
   * Cookie mode, for an app whose own server reads the session from cookies (same site, or server
   * rendering): keeps Clerk's `__session` and `__client_uat` cookies on the app's host, fresh, so
   * `authenticateRequest` works on page loads. Default `false`: send `await getToken()` as a Bearer
   * header instead.
   */
  sessionCookie?: boolean
}

const assign = (url: string) => window.location.assign(url)

/**
 * Gives the kit's hooks and components their client, cache and messages. It does not wrap
 * children in a QueryClientProvider, so the app's own queries keep the app's QueryClient.
 */
export function UserkitProvider(props: UserkitProviderProps) {
  const { baseUrl, localization, afterSignOutUrl, navigate = assign } = props
  const [ownQueryClient] = useState(() => new QueryClient())
  const queryClient = props.queryClient ?? ownQueryClient
  const ownClient = useMemo(() => createUserkitClient({ baseUrl }), [baseUrl])
  const client = props.client ?? ownClient
  const messages = useMemo(() => mergeMessages(en, localization), [localization])

  // QueryClientProvider normally does this; mount() is reference-counted, so an app's client that
  // is also in the app's QueryClientProvider is fine. It starts refetch-on-focus and on-reconnect.
  useEffect(() => {
    queryClient.mount()
    return () => queryClient.unmount()
  }, [queryClient])
  // A token refused because the session ended (revoked elsewhere): the kit shows signed-out at once.
  useEffect(
    () => client.onToken(({ signedOut }) => void (signedOut && clearUserkitCache(queryClient))),
    [client, queryClient],
  )
  useSessionCookie(props.sessionCookie === true, client, queryClient)

  const value = useMemo<UserkitContextValue>(
    () => ({ client, queryClient, messages, afterSignOutUrl, navigate }),
    [client, queryClient, messages, afterSignOutUrl, navigate],
  )
  return <UserkitContext.Provider value={value}>{props.children}</UserkitContext.Provider>
}
