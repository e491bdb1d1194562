import { QueryClient } from '@tanstack/react-query'
import { type ReactNode, useContext, useState } from 'react'
import { SignIn } from '../../src/components/sign-in/sign-in.tsx'
import { UserButton } from '../../src/components/user-button/user-button.tsx'
import { SignedIn, SignedOut } from '../../src/hooks/signed-in.tsx'
import { UserkitProvider } from '../../src/hooks/provider.tsx'
import { format } from '../../src/localization/format.ts'
import { localizations, StoryLocaleContext } from '../story-globals.tsx'
import type { LiveServer } from './live-server.ts'
import { liveMessages } from './live-messages.ts'

export interface LiveAppProps {
  /** The in-page server the story started in its loader. */
  live: LiveServer
  /** What a signed-in user sees below the header (e.g. <UserProfile />). Default: nothing. */
  children?: ReactNode
  /** Beside the app, e.g. the dev outbox panel. */
  aside?: ReactNode
}

/**
 * A small app on the real kit and the in-page server: a header with <UserButton />, <SignIn />
 * when signed out, the story's children when signed in. The language follows the toolbar.
 */
export function LiveApp({ live, children, aside }: LiveAppProps) {
  const locale = useContext(StoryLocaleContext)
  // A fresh cache per story, without retries, so an error shows at once as it would in a test.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  return (
    <UserkitProvider client={live.client} queryClient={queryClient} localization={localizations[locale]} navigate={() => {}}>
      <div className="uk-live" style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <main
          aria-label={liveMessages.appLabel}
          className="uk-root"
          style={{ flex: '1 1 480px', background: 'var(--uk-c-background)', borderRadius: 12, padding: 16, minHeight: 360 }}
        >
          <header style={{ display: 'flex', justifyContent: 'flex-end', minHeight: 40, marginBottom: 16 }}>
            <UserButton showName />
          </header>
          <SignedOut>
            <p style={{ color: 'var(--uk-c-muted)', marginTop: 0 }}>
              {format(liveMessages.credentials, { email: live.email, password: live.password })}
            </p>
            <SignIn />
          </SignedOut>
          <SignedIn>{children}</SignedIn>
        </main>
        {aside}
      </div>
    </UserkitProvider>
  )
}
