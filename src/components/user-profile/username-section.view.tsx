'use client'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import type { User } from '../../api/types.ts'
import type { Messages } from '../../localization/en.ts'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { type FormErrors, noErrors, routeErrors } from '../shared/errors.ts'
import { Field } from '../shared/field.tsx'
import { SectionFrame } from './section.tsx'
import { useReturnFocus } from '../shared/use-return-focus.ts'

export interface UsernameSectionViewProps {
  user: User
  messages: Messages
  /** Saves the username. Without it, the username is shown but not editable. */
  onUpdate?: (changes: { username: string | null }) => Promise<unknown>
  /** Length limits, for the input and for the length error's text. Default: none. */
  minLength?: number
  maxLength?: number
  /** Start in the edit form (stories, tests). Default: `false`. */
  defaultEditing?: boolean
  className?: string
}

/** Username: shows it, and changes it with errors (taken, format, length) at the field. */
export function UsernameSectionView({
  user,
  messages,
  onUpdate,
  minLength,
  maxLength,
  defaultEditing = false,
  className,
}: UsernameSectionViewProps) {
  const t = messages.userProfile.username
  const [editing, setEditing] = useState(defaultEditing && Boolean(onUpdate))
  const editButton = useRef<HTMLButtonElement>(null)
  useReturnFocus(editing, editButton)
  const close = () => setEditing(false)
  return (
    <SectionFrame id="username" title={t.title} state={editing ? 'edit' : 'view'} className={className}>
      {editing && onUpdate ? (
        <UsernameForm
          user={user}
          messages={messages}
          onUpdate={onUpdate}
          minLength={minLength}
          maxLength={maxLength}
          onDone={close}
        />
      ) : (
        <div data-slot="user-profile-row" className="uk-user-profile-row">
          <span data-slot="user-profile-value" data-empty={user.username ? undefined : ''}>
            {user.username ?? t.empty}
          </span>
          {onUpdate && (
            <Button ref={editButton} variant="ghost" onClick={() => setEditing(true)}>
              {user.username ? t.edit : t.add}
            </Button>
          )}
        </div>
      )}
    </SectionFrame>
  )
}

interface UsernameFormProps {
  user: User
  messages: Messages
  onUpdate: NonNullable<UsernameSectionViewProps['onUpdate']>
  minLength: number | undefined
  maxLength: number | undefined
  onDone: () => void
}

function UsernameForm({ user, messages, onUpdate, minLength, maxLength, onDone }: UsernameFormProps) {
  const t = messages.userProfile.username
  const [username, setUsername] = useState(user.username ?? '')
  const [status, setStatus] = useState<'idle' | 'pending' | 'error'>('idle')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (status === 'pending') return
    const next = username.trim()
    if (next === (user.username ?? '')) return onDone()
    setStatus('pending')
    setErrors(noErrors)
    try {
      await onUpdate({ username: next || null })
      setStatus('idle')
      onDone()
    } catch (error) {
      const limits: Record<string, number> = {}
      if (minLength !== undefined) limits.min = minLength
      if (maxLength !== undefined) limits.max = maxLength
      setErrors(routeErrors(error, ['username'], messages, limits))
      setStatus('error')
      input.current?.focus()
    }
  }
  const pending = status === 'pending'
  return (
    <form
      data-slot="user-profile-form"
      data-state={status}
      className="uk-user-profile-form"
      aria-label={t.edit}
      aria-busy={pending || undefined}
      noValidate
      onSubmit={submit}
    >
      <Banner>{errors.banner}</Banner>
      <Field
        ref={input}
        label={t.label}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onChange={(event) => setUsername(event.currentTarget.value)}
        error={errors.fields.username}
        readOnly={pending}
      />
      <div data-slot="user-profile-form-actions" className="uk-user-profile-form-actions">
        <Button variant="ghost" onClick={onDone} disabled={pending}>
          {messages.common.cancel}
        </Button>
        <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
          {pending ? messages.common.saving : messages.common.save}
        </Button>
      </div>
    </form>
  )
}
