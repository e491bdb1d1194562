'use client'
import { Trigger as MenuTrigger } from '@radix-ui/react-dropdown-menu'
import { useRef, useState } from 'react'
import type { ExternalAccount, OAuthProvider, User } from '../../api/types.ts'
import type { Messages } from '../../localization/en.ts'
import { format } from '../../localization/format.ts'
import { RowMenuContent, RowMenuItem, RowMenuPortal, RowMenuRoot } from '../identifiers/parts.tsx'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { errorText, routeErrors } from '../shared/errors.ts'
import { usePortalScope } from '../shared/theme.ts'
import { ConnectedAccountRow, identity, RemoveAccountDialog, type Removing } from './connected-accounts-parts.tsx'
import { SectionFrame } from './section.tsx'

/** Scopes an app needs per provider key (`{ github: ['repo'] }`); an account missing one shows "Reconnect". */
export type AdditionalOAuthScopes = Readonly<Partial<Record<string, readonly string[]>>>

export interface ConnectedAccountsSectionViewProps {
  user: User
  messages: Messages
  /** The configured providers (the environment's `oauthProviders`). Default: none, so no "Connect account". */
  providers?: readonly OAuthProvider[]
  /** Scopes required per provider key. Default: none. */
  additionalOAuthScopes?: AdditionalOAuthScopes
  /** Starts connecting (`oauth_<key>`); the shell then leaves for the provider. Without it, no "Connect account". */
  onConnect?: (strategy: string) => Promise<unknown>
  /** Starts reauthorizing an account with the missing scopes. Without it, no "Reconnect". */
  onReauthorize?: (id: string, additionalScopes: readonly string[]) => Promise<unknown>
  /** Disconnects an account once confirmed. Without it, no "Remove". */
  onRemove?: (id: string) => Promise<unknown>
  /** An error code the provider round trip ended with (`external_account_exists`, `oauth_access_denied` …). */
  callbackError?: string | null
  /** Hides `callbackError`. Without it, the error has no dismiss button. */
  onDismissCallbackError?: () => void
  /** Open the remove confirmation for this account on first render (stories, tests). */
  defaultRemoveId?: string
  className?: string
}

/** The scopes an account lacks among those the app asked for. */
export function missingScopes(account: ExternalAccount, required: AdditionalOAuthScopes | undefined): string[] {
  const key = account.provider.replace(/^oauth_/, '')
  return (required?.[key] ?? []).filter((scope) => !account.approvedScopes.includes(scope))
}

type Pending = { kind: 'connect' | 'reconnect'; target: string }

/** Connected accounts: each with its provider, identity and scopes; connect, reconnect and remove. */
export function ConnectedAccountsSectionView(props: ConnectedAccountsSectionViewProps) {
  const { user, messages, providers = [], additionalOAuthScopes, onConnect, onReauthorize, onRemove } = props
  const t = messages.userProfile.connectedAccounts
  const bodyRef = useRef<HTMLDivElement>(null)
  const { container, dir } = usePortalScope(bodyRef)
  const [pending, setPending] = useState<Pending | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const initial = props.defaultRemoveId ? user.externalAccounts.find((a) => a.id === props.defaultRemoveId) : undefined
  const [removing, setRemoving] = useState<Removing | null>(initial ? { account: initial, status: 'idle', error: null } : null)
  const nameOf = (provider: string) => providers.find((p) => p.strategy === provider)?.name ?? provider.replace(/^oauth_/, '')

  // Navigation to the provider follows success, so the pending state stays until the page unloads.
  const run = async (next: Pending, call: () => Promise<unknown>) => {
    if (pending) return
    setPending(next)
    setError(null)
    setNotice(null)
    try {
      await call()
    } catch (caught) {
      setError(routeErrors(caught, [], messages).banner)
      setPending(null)
    }
  }

  const confirmRemove = async () => {
    if (!removing || !onRemove || removing.status === 'pending') return
    setRemoving({ ...removing, status: 'pending', error: null })
    try {
      await onRemove(removing.account.id)
      setRemoving(null)
      setNotice(format(t.removed, { identifier: identity(removing.account), provider: nameOf(removing.account.provider) }))
    } catch (caught) {
      setRemoving({ ...removing, status: 'error', error: routeErrors(caught, [], messages).banner })
    }
  }

  const callbackError = props.callbackError
  const connecting = pending?.kind === 'connect' ? providers.find((p) => p.strategy === pending.target) : undefined
  const state = pending ? 'pending' : error || callbackError ? 'error' : 'idle'

  return (
    <SectionFrame id="connected-accounts" title={t.title} state={state} className={props.className}>
      <div ref={bodyRef} data-slot="connected-accounts" data-state={state} className="uk-connected-accounts">
        {callbackError && (
          <div data-slot="connected-accounts-callback-error" className="uk-connected-accounts-callback-error">
            <Banner>{errorText({ code: callbackError, message: '', longMessage: '', meta: {} }, messages)}</Banner>
            {props.onDismissCallbackError && (
              <Button variant="ghost" onClick={props.onDismissCallbackError}>
                {t.dismiss}
              </Button>
            )}
          </div>
        )}
        <Banner>{error}</Banner>
        {notice && (
          <p role="status" data-slot="connected-accounts-notice" className="uk-connected-accounts-notice">
            {notice}
          </p>
        )}
        {user.externalAccounts.length === 0 ? (
          <p data-slot="connected-accounts-empty" className="uk-connected-accounts-empty">
            {t.empty}
          </p>
        ) : (
          <ul data-slot="connected-accounts-list" className="uk-connected-accounts-list" aria-label={t.listLabel}>
            {user.externalAccounts.map((account) => {
              const missing = missingScopes(account, additionalOAuthScopes)
              const broken = account.verification !== null && (account.verification.status !== 'verified' || account.verification.error !== null)
              return (
                <ConnectedAccountRow
                  key={account.id}
                  account={account}
                  providerName={nameOf(account.provider)}
                  messages={messages}
                  needsReconnect={missing.length > 0 || broken}
                  reconnecting={pending?.kind === 'reconnect' && pending.target === account.id}
                  busy={pending !== null}
                  onReconnect={onReauthorize && (() => run({ kind: 'reconnect', target: account.id }, () => onReauthorize(account.id, missing)))}
                  onRemove={onRemove && (() => setRemoving({ account, status: 'idle', error: null }))}
                />
              )
            })}
          </ul>
        )}
        {onConnect && providers.length > 0 && (
          <RowMenuRoot modal={false} dir={dir}>
            <MenuTrigger asChild disabled={pending !== null}>
              <Button data-action="connect" aria-disabled={pending !== null || undefined}>
                {connecting ? format(t.connecting, { provider: connecting.name }) : t.connect}
              </Button>
            </MenuTrigger>
            <RowMenuPortal container={container}>
              <RowMenuContent className="uk-root" align="start" sideOffset={4} collisionPadding={8}>
                {providers.map((provider) => (
                  <RowMenuItem key={provider.strategy} onSelect={() => run({ kind: 'connect', target: provider.strategy }, () => onConnect(provider.strategy))}>
                    {provider.name}
                  </RowMenuItem>
                ))}
              </RowMenuContent>
            </RowMenuPortal>
          </RowMenuRoot>
        )}
      </div>
      <RemoveAccountDialog
        removing={removing}
        providerName={removing ? nameOf(removing.account.provider) : ''}
        messages={messages}
        container={container}
        dir={dir}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving((current) => (current?.status === 'pending' ? current : null))}
        restoreFocus={() => bodyRef.current?.querySelector<HTMLElement>('[data-action="remove"], [data-action="connect"]')?.focus()}
      />
    </SectionFrame>
  )
}
