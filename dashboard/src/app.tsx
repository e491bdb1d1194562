'use client'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState } from 'react'
import { UserkitApiError } from '../../src/api/errors.ts'
import { Button } from '../../src/components/shared/button.tsx'
import { type DashboardApi } from './api.ts'
import { DashboardContext, useDashboard } from './context.tsx'
import { ThemeIcon } from './icons.tsx'
import { Login } from './login.tsx'
import { type DashboardMessages, dashboardMessages } from './messages.ts'
import { PortalContainer } from './parts.tsx'
import { dashboardKeys, dashboardQueries } from './queries.ts'
import { KeysPage } from './keys/keys-page.tsx'
import { keysPath, type Route, useRoute, usersPath, webhooksPath } from './router.ts'
import { UserPage } from './user/user-page.tsx'
import { UsersPage } from './users/users-page.tsx'
import { WebhooksPage } from './webhooks/webhooks-page.tsx'

/** A QueryClient for the dashboard: an expired dashboard session anywhere sends the operator back to sign in. */
export function createDashboardQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => signedOut(error) }),
    mutationCache: new MutationCache({ onError: (error) => signedOut(error) }),
    defaultOptions: { queries: { retry: (count, error) => !(error instanceof UserkitApiError && error.status < 500) && count < 2 } },
  })
  function signedOut(error: unknown) {
    if (error instanceof UserkitApiError && error.code === 'dashboard_signed_out') {
      // Drop every user's data with the session; the gate then shows the sign-in.
      client.removeQueries({ predicate: (q) => q.queryKey[1] !== 'session' })
      client.setQueryData(dashboardKeys.session(), null)
    }
  }
  return client
}

export interface DashboardAppProps {
  api: DashboardApi
  /** Default: a fresh `createDashboardQueryClient()`. */
  queryClient?: QueryClient
  /** Default: the English catalog. */
  messages?: DashboardMessages
  /** Default: the OS preference, then whatever the operator picks (remembered in localStorage). */
  defaultTheme?: 'light' | 'dark'
}

const THEME_KEY = 'userkit-dashboard-theme'

/** The whole dashboard: theme scope, session gate, header and the current page. */
export function DashboardApp({ api, queryClient, messages = dashboardMessages, defaultTheme }: DashboardAppProps) {
  const client = useMemo(() => queryClient ?? createDashboardQueryClient(), [queryClient])
  const [route, navigate] = useRoute()
  const [theme, setTheme] = useState<'light' | 'dark'>(() => {
    const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY)
    if (saved === 'light' || saved === 'dark') return saved
    return defaultTheme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')
  })
  const [scope, setScope] = useState<HTMLElement | undefined>(undefined)
  const context = useMemo(() => ({ api, messages, navigate }), [api, messages, navigate])
  return (
    <QueryClientProvider client={client}>
      <DashboardContext.Provider value={context}>
        <div ref={(el) => setScope(el ?? undefined)} className="uk-root dk-app" data-uk-theme={theme}>
          <PortalContainer.Provider value={scope}>
            <Shell
              route={route}
              theme={theme}
              onThemeChange={(next) => {
                setTheme(next)
                localStorage.setItem(THEME_KEY, next)
              }}
            />
          </PortalContainer.Provider>
        </div>
      </DashboardContext.Provider>
    </QueryClientProvider>
  )
}

function Shell({ route, theme, onThemeChange }: { route: Route; theme: 'light' | 'dark'; onThemeChange: (t: 'light' | 'dark') => void }) {
  const { api, messages, navigate } = useDashboard()
  const queryClient = useQueryClient()
  const session = useQuery({ ...dashboardQueries.session(api), retry: false })
  const signedIn = session.data != null
  const signOut = useMutation({
    mutationFn: () => api.signOut(),
    onSettled: () => {
      queryClient.clear()
      queryClient.setQueryData(dashboardKeys.session(), null)
    },
  })
  const main = useRef<HTMLElement>(null)
  const page = !signedIn ? 'login' : route.page === 'user' ? `user:${route.id}` : route.page
  // A new page moves focus to its title, so screen readers announce it and Tab starts there.
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    main.current?.querySelector<HTMLElement>('[data-slot="dashboard-page-title"]')?.focus()
  }, [page])
  const other = theme === 'dark' ? 'light' : 'dark'
  return (
    <>
      <a className="dk-skip" href="#dk-main">
        {messages.skipToContent}
      </a>
      <header className="dk-header">
        <a
          className="dk-brand"
          href={usersPath()}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return
            event.preventDefault()
            navigate(usersPath())
          }}
        >
          {messages.appName}
        </a>
        {signedIn && (
          <nav aria-label={messages.nav.label} className="dk-nav">
            {(
              [
                ['users', usersPath(), messages.nav.users],
                ['webhooks', webhooksPath(), messages.nav.webhooks],
                ['keys', keysPath(), messages.nav.keys],
              ] as const
            ).map(([id, href, label]) => (
              <a
                key={id}
                href={href}
                // A user's page belongs to Users.
                aria-current={(route.page === 'user' ? 'users' : route.page) === id ? 'page' : undefined}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return
                  event.preventDefault()
                  navigate(href)
                }}
              >
                {label}
              </a>
            ))}
          </nav>
        )}
        <span className="dk-header-end">
          <Button variant="ghost" aria-label={other === 'light' ? messages.theme.toLight : messages.theme.toDark} onClick={() => onThemeChange(other)}>
            <ThemeIcon to={other} />
          </Button>
          {signedIn && <Button onClick={() => signOut.mutate()}>{messages.signOut}</Button>}
        </span>
      </header>
      <main id="dk-main" ref={main} className="dk-main" tabIndex={-1}>
        {session.isPending ? (
          <p className="dk-muted">{messages.loading}</p>
        ) : !signedIn ? (
          <Login />
        ) : route.page === 'user' ? (
          <UserPage key={route.id} id={route.id} />
        ) : route.page === 'keys' ? (
          <KeysPage />
        ) : route.page === 'webhooks' ? (
          <WebhooksPage />
        ) : (
          <UsersPage />
        )}
      </main>
    </>
  )
}
