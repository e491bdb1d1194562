'use client'
import type { QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { UserkitClient } from '../api/index.ts'
import { userkitQueries } from './keys.ts'

const YEAR_SECONDS = 365 * 24 * 60 * 60

/** Writes one of Clerk's cookies on the app's host: Path=/, Lax, Secure on https, readable by the app's server. */
function setCookie(name: string, value: string, maxAge: number): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : ''
  document.cookie = `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure}`
}

/**
 * Cookie mode: keeps `__session` (the active session's token) and `__client_uat` on the app's host,
 * each also under Clerk's suffixed name, so `authenticateRequest` in the app's own server works on
 * page loads too. The token is refreshed before it ends and when the window comes back into view;
 * signing out writes `__client_uat=0` and removes `__session`.
 */
export function useSessionCookie(enabled: boolean, client: UserkitClient, queryClient: QueryClient): void {
  useEffect(() => {
    if (!enabled) return
    let unsubscribe = () => {}
    let stopped = false
    const refresh = () => {
      if (document.visibilityState !== 'hidden') void client.getToken().catch(() => undefined)
    }
    // The suffixed names come from the server's settings: cookies are written once they are known.
    void queryClient
      .fetchQuery(userkitQueries.environment(client))
      .then((environment) => {
        if (stopped) return
        const suffix = environment.authConfig.cookieSuffix
        const names = (base: string) => (suffix ? [base, `${base}_${suffix}`] : [base])
        unsubscribe = client.onToken(({ jwt, clientUat }) => {
          for (const name of names('__session')) setCookie(name, jwt ?? '', jwt ? YEAR_SECONDS : 0)
          for (const name of names('__client_uat')) setCookie(name, String(jwt ? clientUat : 0), YEAR_SECONDS)
        })
        refresh()
      })
      .catch(() => undefined)
    window.addEventListener('focus', refresh)
    document.addEventListener('visibilitychange', refresh)
    return () => {
      stopped = true
      unsubscribe()
      window.removeEventListener('focus', refresh)
      document.removeEventListener('visibilitychange', refresh)
    }
  }, [enabled, client, queryClient])
}
