'use client'
import { Banner } from '../../../src/components/shared/banner.tsx'
import { Button } from '../../../src/components/shared/button.tsx'
import { format } from '../../../src/localization/format.ts'
import { formatDate } from '../display.ts'
import type { DashboardMessages } from '../messages.ts'
import type { BackendSessionJSON, EmailAddressJSON, ExternalAccountJSON, PhoneNumberJSON } from '../../../src/wire/index.ts'

/** A titled block of the user page. */
export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section data-slot="dashboard-section" className="dk-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}

export interface IdentifierListProps {
  messages: DashboardMessages
  items: readonly (EmailAddressJSON | PhoneNumberJSON)[]
  primaryId: string | null
  empty: string
}

/** Email addresses or phone numbers with their verification state and the primary one marked. */
export function IdentifierList({ messages, items, primaryId, empty }: IdentifierListProps) {
  const t = messages.user
  if (items.length === 0) return <p className="dk-muted">{empty}</p>
  return (
    <ul className="dk-list">
      {items.map((item) => {
        const status = item.verification?.status ?? 'unverified'
        const text = t.verification[status as keyof typeof t.verification] ?? status
        return (
          <li key={item.id} data-slot="dashboard-identifier">
            <span>{'email_address' in item ? item.email_address : item.phone_number}</span>
            {item.id === primaryId && <span data-slot="dashboard-badge">{t.primary}</span>}
            <span data-slot="dashboard-badge" data-variant={status === 'verified' ? 'success' : 'warning'}>
              {text}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

/** OAuth accounts linked to the user. */
export function AccountList({ messages, accounts }: { messages: DashboardMessages; accounts: readonly ExternalAccountJSON[] }) {
  if (accounts.length === 0) return <p className="dk-muted">{messages.user.noAccounts}</p>
  return (
    <ul className="dk-list">
      {accounts.map((account) => (
        <li key={account.id} data-slot="dashboard-account">
          <span data-slot="dashboard-badge">{account.provider.replace(/^oauth_/, '')}</span>
          <span>{account.email_address ?? account.username ?? account.id}</span>
        </li>
      ))}
    </ul>
  )
}

export interface SessionListProps {
  messages: DashboardMessages
  state: 'loading' | 'error' | 'ready'
  sessions: readonly BackendSessionJSON[]
  /** Revokes one session; missing hides the buttons. */
  onRevoke?: (session: BackendSessionJSON) => void
  /** The session being revoked now. */
  revoking?: string | null
  error?: string | null
}

/** The user's active sessions, each with a revoke button. */
export function SessionList({ messages, state, sessions, onRevoke, revoking = null, error = null }: SessionListProps) {
  const t = messages.user
  if (state === 'loading') return <p className="dk-muted">{messages.loading}</p>
  if (state === 'error') return <Banner>{error ?? t.sessionsError}</Banner>
  return (
    <>
      <Banner>{error}</Banner>
      {sessions.length === 0 ? (
        <p className="dk-muted">{t.noSessions}</p>
      ) : (
        <ul className="dk-list">
          {sessions.map((session) => (
            <li key={session.id} data-slot="dashboard-session">
              <span className="dk-stack">
                <code>{session.id}</code>
                <span className="dk-muted dk-meta">
                  <span>{format(t.sessionStarted, { date: formatDate(session.created_at) })}</span>
                  <span>{format(t.sessionLastActive, { date: formatDate(session.last_active_at) })}</span>
                </span>
              </span>
              {onRevoke && (
                <Button
                  variant="danger"
                  aria-label={format(t.revokeSession, { id: session.id })}
                  aria-disabled={revoking === session.id || undefined}
                  onClick={() => revoking !== session.id && onRevoke(session)}
                >
                  {t.revoke}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
