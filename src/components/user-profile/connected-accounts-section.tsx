'use client'
import { lazy, Suspense, useEffect, useState } from 'react'
import { OAUTH_ERROR_PARAM } from '../../wire/index.ts'
import { useConnectExternalAccount } from '../../hooks/use-connect-external-account.ts'
import { useEnvironment } from '../../hooks/use-environment.ts'
import { useMessages } from '../../hooks/use-messages.ts'
import { useReauthorizeExternalAccount } from '../../hooks/use-reauthorize-external-account.ts'
import { useRemoveExternalAccount } from '../../hooks/use-remove-external-account.ts'
import { useUser } from '../../hooks/use-user.ts'
import type { AdditionalOAuthScopes } from './connected-accounts-section.view.tsx'
import { defineSection, SectionFrame } from './section.tsx'

// Loaded when there is something to show: an app without OAuth providers never downloads it.
const ConnectedAccountsSectionView = lazy(() =>
  import('./connected-accounts-section.view.tsx').then((m) => ({ default: m.ConnectedAccountsSectionView })),
)

export interface ConnectedAccountsSectionProps {
  /** Merged last onto the section element. */
  className?: string
  /**
   * Scopes the app needs per provider key, asked for on connect; an account without them shows
   * "Reconnect" (`{ github: ['repo'] }`). Default: none.
   */
  additionalOAuthScopes?: AdditionalOAuthScopes
}

/** The error the provider round trip came back with, read once from the URL and removed from it. */
function useCallbackError(): [string | null, () => void] {
  const [code, setCode] = useState<string | null>(null)
  useEffect(() => {
    const url = new URL(window.location.href)
    const found = url.searchParams.get(OAUTH_ERROR_PARAM)
    if (!found) return
    setCode(found)
    // A reload or a shared link must not show the error again.
    url.searchParams.delete(OAUTH_ERROR_PARAM)
    window.history.replaceState(window.history.state, '', url.href)
  }, [])
  return [code, () => setCode(null)]
}

/** Leaves for the provider's consent page; the server brings the browser back here. */
function follow(result: { response: { verification: { externalVerificationRedirectUrl: string | null } | null } }) {
  const url = result.response.verification?.externalVerificationRedirectUrl
  if (url) window.location.assign(url)
}

/** The signed-in user's connected accounts: connect (OAuth), reconnect for missing scopes, remove. */
export const ConnectedAccountsSection = defineSection(
  function ConnectedAccountsSection({ className, additionalOAuthScopes }: ConnectedAccountsSectionProps) {
    const messages = useMessages()
    const { user } = useUser()
    const { environment } = useEnvironment()
    const connect = useConnectExternalAccount()
    const reauthorize = useReauthorizeExternalAccount()
    const remove = useRemoveExternalAccount()
    const [callbackError, dismiss] = useCallbackError()
    const providers = environment?.oauthProviders ?? []
    if (!user || (providers.length === 0 && user.externalAccounts.length === 0 && !callbackError)) return null
    const here = () => window.location.href
    // Until the view arrives, its frame holds the place, so nothing below it moves.
    const frame = (
      <SectionFrame id="connected-accounts" title={messages.userProfile.connectedAccounts.title} state="loading" className={className}>
        {null}
      </SectionFrame>
    )
    return (
      <Suspense fallback={frame}>
        <ConnectedAccountsSectionView
          user={user}
          messages={messages}
          className={className}
          providers={providers}
          additionalOAuthScopes={additionalOAuthScopes}
          callbackError={callbackError}
          onDismissCallbackError={dismiss}
          onConnect={async (strategy) => {
            const key = strategy.replace(/^oauth_/, '')
            follow(await connect.mutateAsync({ strategy, redirectUrl: here(), additionalScopes: additionalOAuthScopes?.[key] ?? [] }))
          }}
          onReauthorize={async (id, additionalScopes) => follow(await reauthorize.mutateAsync({ id, redirectUrl: here(), additionalScopes }))}
          onRemove={(id) => remove.mutateAsync(id)}
        />
      </Suspense>
    )
  },
  { page: 'account', sectionId: 'connected-accounts' },
)
