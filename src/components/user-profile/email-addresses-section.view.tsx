'use client'
import type { EmailVerificationStrategy } from '../../api/identifications.ts'
import type { User } from '../../api/types.ts'
import type { Messages } from '../../localization/en.ts'
import { IdentifierSectionView } from '../identifiers/identifier-section.view.tsx'
import type { IdentifierFlow, VerifyMethod } from '../identifiers/types.ts'
import { Field } from '../shared/field.tsx'

export interface EmailAddressesSectionViewProps {
  user: User
  messages: Messages
  /** How addresses are verified, the default first. Default: `['email_code']`. */
  strategies?: readonly EmailVerificationStrategy[]
  /** Adds an address and resolves to its id. Without it, there is no Add button. */
  onAdd?: (emailAddress: string) => Promise<string>
  /** Sends a code or a link. Without it, addresses cannot be verified here. */
  onPrepare?: (id: string, strategy: EmailVerificationStrategy) => Promise<unknown>
  /** Checks a code. */
  onAttempt?: (id: string, code: string) => Promise<unknown>
  /** Makes a verified address primary. Without it, the menu has no "Set as primary". */
  onSetPrimary?: (id: string) => Promise<unknown>
  /** Removes an address. Without it, the menu has no "Remove". */
  onRemove?: (id: string) => Promise<unknown>
  /** Called while a link is out; the shell polls the server, and stops when the returned function is called. */
  onAwaitLink?: (id: string) => (() => void) | undefined
  /** The step to start at (stories, tests). Default: the list. */
  defaultFlow?: IdentifierFlow
  /** Open the remove confirmation for this id at first (stories, tests). */
  defaultRemoveId?: string
  className?: string
}

const toMethod = (s: EmailVerificationStrategy): VerifyMethod => (s === 'email_link' ? 'link' : 'code')

/** Email addresses: the list with Primary and Unverified badges, adding, verifying, a menu per row. */
export function EmailAddressesSectionView({
  user,
  messages,
  strategies = ['email_code'],
  onAdd,
  onPrepare,
  onAttempt,
  onSetPrimary,
  onRemove,
  onAwaitLink,
  defaultFlow,
  defaultRemoveId,
  className,
}: EmailAddressesSectionViewProps) {
  const t = messages.userProfile.emailAddresses
  const items = user.emailAddresses.map((e) => ({
    id: e.id,
    label: e.emailAddress,
    verified: e.verification?.status === 'verified',
  }))
  return (
    <IdentifierSectionView
      sectionId="email-addresses"
      strings={t}
      messages={messages}
      items={items}
      primaryId={user.primaryEmailAddressId}
      param="emailAddress"
      methods={strategies.map(toMethod)}
      onAdd={onAdd}
      onPrepare={onPrepare && ((id, method) => onPrepare(id, method === 'link' ? 'email_link' : 'email_code'))}
      onAttempt={onAttempt}
      onSetPrimary={onSetPrimary}
      onRemove={onRemove}
      onAwaitLink={onAwaitLink}
      defaultFlow={defaultFlow}
      defaultRemoveId={defaultRemoveId}
      className={className}
      renderField={({ inputRef, value, onChange, error, readOnly }) => (
        <Field
          ref={inputRef}
          label={t.label}
          name="emailAddress"
          type="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          readOnly={readOnly}
        />
      )}
    />
  )
}
