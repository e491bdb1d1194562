'use client'
import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react'
import type { Messages } from '../../localization/en.ts'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { type FormErrors, noErrors, routeErrors } from '../shared/errors.ts'
import type { IdentifierStrings } from './types.ts'

/** What the add form hands the input it renders. */
export interface AddFieldProps {
  inputRef: RefObject<HTMLInputElement | null>
  value: string
  onChange: (value: string) => void
  error: string | undefined
  readOnly: boolean
}

export interface AddFormProps {
  messages: Messages
  strings: IdentifierStrings
  /** The server's `param_name` for the value, camelCase: `emailAddress` or `phoneNumber`. */
  param: 'emailAddress' | 'phoneNumber'
  /** Adds the identifier (and sends its code); rejects with the server's error. */
  onSubmit: (value: string) => Promise<unknown>
  onCancel: () => void
  /** The input: a plain email field, or the phone field with its country. */
  renderField: (props: AddFieldProps) => ReactNode
  /** The text to start with. Default: empty. */
  defaultValue?: string | undefined
}

/** Adds an email address or phone number; errors at the field, what was typed stays. */
export function AddForm({ messages, strings, param, onSubmit, onCancel, renderField, defaultValue = '' }: AddFormProps) {
  const t = messages.userProfile.identifiers
  const [value, setValue] = useState(defaultValue)
  const [status, setStatus] = useState<'idle' | 'pending' | 'error'>('idle')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const inputRef = useRef<HTMLInputElement>(null)
  useEffect(() => inputRef.current?.focus(), [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (status === 'pending') return
    setStatus('pending')
    setErrors(noErrors)
    try {
      await onSubmit(value.trim())
      setStatus('idle')
    } catch (error) {
      setErrors(routeErrors(error, [param], messages))
      setStatus('error')
      inputRef.current?.focus()
    }
  }
  const pending = status === 'pending'
  return (
    <form
      data-slot="user-profile-form"
      data-state={status}
      className="uk-user-profile-form"
      aria-label={strings.addTitle}
      aria-busy={pending || undefined}
      noValidate
      onSubmit={submit}
    >
      <Banner>{errors.banner}</Banner>
      {renderField({ inputRef, value, onChange: setValue, error: errors.fields[param], readOnly: pending })}
      <div data-slot="user-profile-form-actions" className="uk-user-profile-form-actions">
        <Button variant="ghost" onClick={onCancel} disabled={pending}>
          {messages.common.cancel}
        </Button>
        <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
          {pending ? t.adding : t.continue}
        </Button>
      </div>
    </form>
  )
}
