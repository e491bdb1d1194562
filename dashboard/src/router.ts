'use client'
import { useCallback, useEffect, useState } from 'react'

/** The dashboard's base path (Vite's `base`, without the trailing slash). */
export const BASE = '/dashboard'

/** The pages of the dashboard. */
export type Route = { page: 'users' } | { page: 'user'; id: string } | { page: 'keys' } | { page: 'webhooks' }

/** Reads a route from a path; anything unknown is the users list. */
export function parseRoute(pathname: string): Route {
  if (/^\/dashboard\/keys\/?$/.test(pathname)) return { page: 'keys' }
  if (/^\/dashboard\/webhooks\/?$/.test(pathname)) return { page: 'webhooks' }
  const match = /^\/dashboard\/users\/([^/]+)\/?$/.exec(pathname)
  return match ? { page: 'user', id: decodeURIComponent(match[1] as string) } : { page: 'users' }
}

/** The session-token keys. */
export const keysPath = () => `${BASE}/keys`
/** The webhook endpoints. */
export const webhooksPath = () => `${BASE}/webhooks`

/** A user's page. */
export const userPath = (id: string) => `${BASE}/users/${encodeURIComponent(id)}`
/** The users list. */
export const usersPath = () => `${BASE}/`

/** The current route from `location`, and `navigate`, on the History API (back and forward work). */
export function useRoute(): [Route, (path: string) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.pathname))
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname))
    addEventListener('popstate', onPop)
    return () => removeEventListener('popstate', onPop)
  }, [])
  const navigate = useCallback((path: string) => {
    history.pushState(null, '', path)
    setRoute(parseRoute(path))
  }, [])
  return [route, navigate]
}
