'use client'
import { Avatar } from '../../../src/components/avatar/avatar.tsx'
import { Banner } from '../../../src/components/shared/banner.tsx'
import { Button } from '../../../src/components/shared/button.tsx'
import { displayName, formatDate } from '../display.ts'
import type { DashboardMessages } from '../messages.ts'
import type { JsonObject } from '../types.ts'
import type { BackendUserJSON } from '../../../src/wire/index.ts'
import { MetadataEditorView } from './metadata-editor.view.tsx'
import { AccountList, IdentifierList, Section, SessionList, type SessionListProps } from './user-sections.view.tsx'

/** One metadata editor's request state and save callback. */
export interface MetadataSlot {
  state: 'idle' | 'pending' | 'saved' | 'error'
  error?: string | null
  onSave: (value: JsonObject) => void
}

export interface UserPageViewProps {
  messages: DashboardMessages
  state: 'loading' | 'error' | 'not_found' | 'ready'
  /** The user, when ready. */
  user?: BackendUserJSON | undefined
  errorText?: string | null
  /** The users list's address and the way back to it. */
  backHref: string
  onBack: () => void
  publicMetadata?: MetadataSlot
  privateMetadata?: MetadataSlot
  sessions: Omit<SessionListProps, 'messages'>
  /** Ban or unban (by the user's current state); missing hides the button. */
  onToggleBan?: () => void
  banState?: 'idle' | 'pending'
  banError?: string | null
  /** Opens the typed delete confirmation; missing hides the button. */
  onDelete?: () => void
}

/** One user for the operator: profile, identifiers, accounts, metadata, sessions, ban and delete. */
export function UserPageView(props: UserPageViewProps) {
  const { messages, state, user, errorText = null, backHref, onBack, publicMetadata, privateMetadata, sessions } = props
  const { onToggleBan, banState = 'idle', banError = null, onDelete } = props
  const t = messages.user
  const back = (
    <a
      href={backHref}
      className="dk-back"
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return
        event.preventDefault()
        onBack()
      }}
    >
      {t.back}
    </a>
  )
  if (state !== 'ready' || !user) {
    return (
      <section data-slot="dashboard-user" data-state={state} className="dk-page">
        {back}
        {state === 'loading' ? <p className="dk-muted">{messages.loading}</p> : <Banner>{state === 'not_found' ? t.notFound : (errorText ?? t.loadError)}</Banner>}
      </section>
    )
  }
  const name = displayName(user)
  const row = (label: string, value: string) => (
    <div className="dk-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
  return (
    <article data-slot="dashboard-user" data-state={user.banned ? 'banned' : 'active'} className="dk-page" aria-labelledby="dk-user-title">
      {back}
      <header className="dk-user-header">
        <Avatar src={user.has_image ? user.image_url : null} name={name} size="lg" />
        <div className="dk-stack">
          <h1 id="dk-user-title" tabIndex={-1} data-slot="dashboard-page-title">
            {name}
          </h1>
          <code className="dk-muted">{user.id}</code>
        </div>
        {user.banned && (
          <span data-slot="dashboard-badge" data-variant="danger">
            {t.banned}
          </span>
        )}
      </header>

      <Section id="dk-profile" title={t.profile}>
        <dl className="dk-details">
          {row(t.firstName, user.first_name ?? messages.users.none)}
          {row(t.lastName, user.last_name ?? messages.users.none)}
          {row(t.username, user.username ?? messages.users.none)}
          {row(t.created, formatDate(user.created_at))}
          {row(t.lastSignIn, user.last_sign_in_at === null ? messages.users.never : formatDate(user.last_sign_in_at))}
          {row(t.lastActive, user.last_active_at === null ? messages.users.never : formatDate(user.last_active_at))}
          {row(t.status, user.banned ? t.banned : t.active)}
        </dl>
      </Section>
      <Section id="dk-emails" title={t.emails}>
        <IdentifierList messages={messages} items={user.email_addresses} primaryId={user.primary_email_address_id} empty={t.noEmails} />
      </Section>
      <Section id="dk-phones" title={t.phones}>
        <IdentifierList messages={messages} items={user.phone_numbers} primaryId={user.primary_phone_number_id} empty={t.noPhones} />
      </Section>
      <Section id="dk-accounts" title={t.accounts}>
        <AccountList messages={messages} accounts={user.external_accounts} />
      </Section>
      {publicMetadata && (
        <Section id="dk-public-metadata" title={t.publicMetadata}>
          <MetadataEditorView
            messages={messages}
            label={t.publicMetadata}
            hint={t.publicMetadataHint}
            saveLabel={t.savePublicMetadata}
            value={user.public_metadata}
            {...publicMetadata}
          />
        </Section>
      )}
      {privateMetadata && (
        <Section id="dk-private-metadata" title={t.privateMetadata}>
          <MetadataEditorView
            messages={messages}
            label={t.privateMetadata}
            hint={t.privateMetadataHint}
            saveLabel={t.savePrivateMetadata}
            value={user.private_metadata}
            {...privateMetadata}
          />
        </Section>
      )}
      <Section id="dk-sessions" title={t.sessions}>
        <SessionList messages={messages} {...sessions} />
      </Section>
      {(onToggleBan || onDelete) && (
        <Section id="dk-danger" title={t.danger}>
          <Banner>{banError}</Banner>
          {onToggleBan && (
            <div className="dk-danger-row">
              <p className="dk-muted">{t.banHint}</p>
              <Button variant="danger" aria-disabled={banState === 'pending' || undefined} onClick={() => banState !== 'pending' && onToggleBan()}>
                {user.banned ? t.unban : t.ban}
              </Button>
            </div>
          )}
          {onDelete && (
            <div className="dk-danger-row">
              <p className="dk-muted">{t.deleteHint}</p>
              <Button variant="danger" onClick={onDelete}>
                {t.deleteUser}
              </Button>
            </div>
          )}
        </Section>
      )}
    </article>
  )
}
