'use client'
import type { ExternalAccount } from '../../api/types.ts'
import type { Messages } from '../../localization/en.ts'
import { format } from '../../localization/format.ts'
import { ConfirmContent, ConfirmDescription, ConfirmOverlay, ConfirmPortal, ConfirmRoot, ConfirmTitle } from '../identifiers/parts.tsx'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'

/** What names an account to people: its email, else its username, else the provider's id for it. */
export function identity(account: ExternalAccount): string {
  return account.emailAddress || account.username || account.providerUserId
}

/** The remove confirmation's state: which account, and how the request went. */
export type Removing = { account: ExternalAccount; status: 'idle' | 'pending' | 'error'; error: string | null }

/** GitHub's and Google's marks are recognisable at 16 px; other providers get their initial. Decorative. */
function ProviderIcon({ provider, name }: { provider: string; name: string }) {
  const key = provider.replace(/^oauth_/, '')
  return (
    <span data-slot="connected-account-icon" data-provider={key} className="uk-connected-account-icon" aria-hidden="true">
      {key === 'github' ? (
        <svg width="16" height="16" viewBox="0 0 16 16" fill="currentColor" focusable="false">
          <path d="M8 .2a8 8 0 0 0-2.5 15.6c.4 0 .5-.2.5-.4v-1.5c-2.2.5-2.7-1-2.7-1-.4-.9-.9-1.2-.9-1.2-.7-.5.1-.5.1-.5.8.1 1.2.8 1.2.8.7 1.3 1.9.9 2.3.7.1-.5.3-.9.5-1.1-1.8-.2-3.6-.9-3.6-4 0-.9.3-1.6.8-2.1-.1-.2-.4-1 .1-2.1 0 0 .7-.2 2.2.8a7.6 7.6 0 0 1 4 0c1.5-1 2.2-.8 2.2-.8.4 1.1.2 1.9.1 2.1.5.6.8 1.3.8 2.1 0 3.1-1.9 3.8-3.7 4 .3.3.6.8.6 1.5v2.2c0 .2.1.5.6.4A8 8 0 0 0 8 .2Z" />
        </svg>
      ) : key === 'google' ? (
        <svg width="16" height="16" viewBox="0 0 16 16" focusable="false">
          <path fill="#4285F4" d="M15.7 8.2c0-.6-.1-1.1-.2-1.6H8v3h4.3a3.7 3.7 0 0 1-1.6 2.4v2h2.6c1.5-1.4 2.4-3.4 2.4-5.8Z" />
          <path fill="#34A853" d="M8 16c2.2 0 4-.7 5.3-2l-2.6-2a4.8 4.8 0 0 1-7.2-2.5H.8v2A8 8 0 0 0 8 16Z" />
          <path fill="#FBBC05" d="M3.5 9.5a4.8 4.8 0 0 1 0-3v-2H.8a8 8 0 0 0 0 7l2.7-2Z" />
          <path fill="#EA4335" d="M8 3.2c1.2 0 2.3.4 3.2 1.2l2.3-2.3A8 8 0 0 0 .8 4.5l2.7 2A4.8 4.8 0 0 1 8 3.2Z" />
        </svg>
      ) : (
        (Array.from(name)[0] ?? '?').toUpperCase()
      )}
    </span>
  )
}

export interface ConnectedAccountRowProps {
  account: ExternalAccount
  providerName: string
  messages: Messages
  needsReconnect: boolean
  reconnecting: boolean
  /** Another action is under way: the row's buttons wait. */
  busy: boolean
  onReconnect: (() => void) | undefined
  onRemove: (() => void) | undefined
}

/** One connected account: provider, identity, scopes, and its actions. */
export function ConnectedAccountRow(props: ConnectedAccountRowProps) {
  const { account, providerName, messages, needsReconnect, reconnecting, busy } = props
  const t = messages.userProfile.connectedAccounts
  const who = identity(account)
  const names = { provider: providerName, identifier: who }
  return (
    <li
      data-slot="connected-account"
      data-id={account.id}
      data-provider={account.provider}
      data-state={reconnecting ? 'reconnecting' : needsReconnect ? 'reconnect' : 'connected'}
      className="uk-connected-account"
    >
      <ProviderIcon provider={account.provider} name={providerName} />
      <div data-slot="connected-account-text" className="uk-connected-account-text">
        <span data-slot="connected-account-provider">{providerName}</span>
        <span data-slot="connected-account-identity">{who}</span>
        {account.approvedScopes.length > 0 && (
          <span data-slot="connected-account-scopes">{format(t.scopes, { scopes: account.approvedScopes.join(', ') })}</span>
        )}
      </div>
      {needsReconnect && (
        <span data-slot="identifier-badge" data-badge="unverified" className="uk-identifier-badge">
          {t.reconnectRequired}
        </span>
      )}
      <div data-slot="connected-account-actions" className="uk-connected-account-actions">
        {needsReconnect && props.onReconnect && (
          <Button
            data-action="reconnect"
            // While pending the visible text changes; the name must contain it (WCAG 2.5.3).
            aria-label={reconnecting ? undefined : format(t.reconnectLabel, names)}
            aria-disabled={busy || undefined}
            onClick={busy ? undefined : props.onReconnect}
          >
            {reconnecting ? t.reconnecting : t.reconnect}
          </Button>
        )}
        {props.onRemove && (
          <Button
            variant="ghost"
            data-action="remove"
            aria-label={format(t.removeLabel, names)}
            aria-disabled={busy || undefined}
            onClick={busy ? undefined : props.onRemove}
          >
            {t.remove}
          </Button>
        )}
      </div>
    </li>
  )
}

export interface RemoveAccountDialogProps {
  removing: Removing | null
  providerName: string
  messages: Messages
  container: HTMLElement | undefined
  dir: 'ltr' | 'rtl'
  onConfirm: () => void
  onCancel: () => void
  /** Where focus goes when the dialog closes (the row it came from may be gone). */
  restoreFocus: () => void
}

/** The confirmation before disconnecting, with the server's refusal shown inside it. */
export function RemoveAccountDialog({ removing, providerName, messages, container, dir, onConfirm, onCancel, restoreFocus }: RemoveAccountDialogProps) {
  const t = messages.userProfile.connectedAccounts
  const pending = removing?.status === 'pending'
  return (
    <ConfirmRoot open={removing !== null} onOpenChange={(open) => !open && onCancel()}>
      <ConfirmPortal container={container}>
        <ConfirmOverlay className="uk-root" />
        <ConfirmContent
          className="uk-root"
          dir={dir}
          role="alertdialog"
          data-status={removing?.status}
          onCloseAutoFocus={(event) => {
            event.preventDefault()
            restoreFocus()
          }}
        >
          <ConfirmTitle>{t.removeTitle}</ConfirmTitle>
          <ConfirmDescription>
            {format(t.removeDescription, { identifier: removing ? identity(removing.account) : '', provider: providerName })}
          </ConfirmDescription>
          <Banner>{removing?.error}</Banner>
          <div data-slot="identifier-dialog-actions" className="uk-identifier-dialog-actions">
            <Button variant="ghost" disabled={pending} onClick={onCancel}>
              {messages.common.cancel}
            </Button>
            <Button variant="danger" aria-disabled={pending || undefined} onClick={pending ? undefined : onConfirm}>
              {pending ? t.removing : t.remove}
            </Button>
          </div>
        </ConfirmContent>
      </ConfirmPortal>
    </ConfirmRoot>
  )
}
