import { QueryClient } from '@tanstack/react-query'
import FetchRequestHeaderUtility from 'happy-dom/lib/fetch/utilities/FetchRequestHeaderUtility.js'
import type { ReactNode } from 'react'
import { createUserkitClient, type UserkitClient } from '../../src/api/index.ts'
import { UserkitProvider, type UserkitProviderProps } from '../../src/hooks/index.ts'
import { createInProcessFetch } from '../../server/in-process.ts'

/**
 * One browser's view of the real server: its own cookie jar, a request log, a QueryClient with
 * retry off, and a wrapper rendering <UserkitProvider> over them.
 */
export interface Kit {
  /** A client sharing the hooks' fetch and cookies: calls here happen "in the same browser". */
  api: UserkitClient
  queryClient: QueryClient
  /** `METHOD /path` of every request the kit sent, in order. */
  requests: string[]
  /** While true, every request fails the way a lost connection does. */
  offline: boolean
  /** While set, requests wait for it before reaching the server (a slow network). */
  gate: Promise<void> | null
  wrapper: (props: { children?: ReactNode }) => ReactNode
}

/**
 * The server runs in this same happy-dom window, so its Request and Response are happy-dom's, which
 * drop what a page may not set: Origin and Cookie on requests (Hono also clones requests, e.g. in
 * bodyLimit), Set-Cookie on responses. The server's side of the wire is not a page: let those
 * headers through, as Node's fetch does. Test-only; a real browser page has the same limits.
 */
FetchRequestHeaderUtility.removeForbiddenHeaders = () => {}
const deleteHeader = Headers.prototype.delete
Headers.prototype.delete = function (this: Headers, name: string) {
  if (!/^set-cookie2?$/i.test(name)) deleteHeader.call(this, name)
}

export function createKit(
  handler: (request: Request) => Response | Promise<Response>,
  providerProps: Omit<UserkitProviderProps, 'client' | 'queryClient' | 'children'> = {},
): Kit {
  const kit = { requests: [] as string[], offline: false, gate: null } as Kit
  const inProcessFetch = createInProcessFetch(handler, { baseUrl: 'http://localhost:4000' })
  const fetchLogged: typeof fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost:4000')
    kit.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`)
    if (kit.offline) throw new TypeError('Failed to fetch')
    if (kit.gate) await kit.gate
    return inProcessFetch(input, init)
  }
  kit.api = createUserkitClient({ fetch: fetchLogged })
  kit.queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  kit.wrapper = ({ children }) => (
    <UserkitProvider client={kit.api} queryClient={kit.queryClient} {...providerProps}>
      {children}
    </UserkitProvider>
  )
  return kit
}
