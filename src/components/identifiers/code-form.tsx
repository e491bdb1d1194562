'use client'
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { UserkitApiError } from '../../api/errors.ts'
import type { Messages } from '../../localization/en.ts'
import { format } from '../../localization/format.ts'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { type FormErrors, noErrors, routeErrors } from '../shared/errors.ts'
import { Field } from '../shared/field.tsx'
import { useCountdown } from './countdown.ts'
import { RESEND_COOLDOWN } from './types.ts'

/** Codes are 6 digits; pasted spaces, dashes and text around them are dropped. */
export const CODE_LENGTH = 6
const digitsOf = (text: string) => text.replace(/\D/g, '').slice(0, CODE_LENGTH)

/** After these the old code is dead: sending a new one is the way on, so Resend is offered at once. */
const NEEDS_NEW_CODE = ['verification_expired', 'verification_failed']

export interface CodeFormProps {
  messages: Messages
  /** The form's accessible name. */
  title: string
  /** Where the code went ("Enter the code sent to …"). */
  description: string
  /** Checks the code; rejects with the server's error. */
  onSubmit: (code: string) => Promise<unknown>
  /** Sends a new code. Without it, there is no Resend button. */
  onResend?: (() => Promise<unknown>) | undefined
  onCancel: () => void
  /** Seconds before Resend is available: the cooldown, or a 429's Retry-After. Default: 30. */
  retryAfter?: number | undefined
  /** An error to show at once (sending the first code failed). */
  initialError?: string | undefined
  /** Extra actions (e.g. "Send a link instead"). */
  children?: ReactNode
}

/** The 6-digit code step: one-time-code autofill, paste of the whole code, resend with a countdown. */
export function CodeForm({
  messages,
  title,
  description,
  onSubmit,
  onResend,
  onCancel,
  retryAfter = RESEND_COOLDOWN,
  initialError,
  children,
}: CodeFormProps) {
  const t = messages.verification
  const [code, setCode] = useState('')
  const [status, setStatus] = useState<'idle' | 'pending' | 'error'>(initialError ? 'error' : 'idle')
  const [errors, setErrors] = useState<FormErrors>(initialError ? { fields: {}, banner: initialError } : noErrors)
  const [notice, setNotice] = useState<string | null>(null)
  const [left, restart] = useCountdown(retryAfter)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])

  const check = async (value: string) => {
    if (status === 'pending') return
    setStatus('pending')
    setErrors(noErrors)
    setNotice(null)
    try {
      await onSubmit(value)
      setStatus('idle')
    } catch (error) {
      setErrors(routeErrors(error, ['code'], messages))
      setStatus('error')
      if (error instanceof UserkitApiError && NEEDS_NEW_CODE.includes(error.code ?? '')) restart(0)
      // What was typed stays, selected, so typing again replaces it.
      input.current?.focus()
      input.current?.select()
    }
  }

  const resend = async () => {
    if (!onResend || left > 0 || status === 'pending') return
    setErrors(noErrors)
    setNotice(null)
    try {
      await onResend()
      setCode('')
      setNotice(t.resent)
      restart(RESEND_COOLDOWN)
      input.current?.focus()
    } catch (error) {
      setErrors(routeErrors(error, [], messages))
      if (error instanceof UserkitApiError && error.status === 429) restart(error.retryAfter ?? RESEND_COOLDOWN)
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void check(code)
  }
  const pending = status === 'pending'
  return (
    <form
      data-slot="code-form"
      data-state={status}
      className="uk-code-form"
      aria-label={title}
      aria-busy={pending || undefined}
      noValidate
      onSubmit={submit}
    >
      <p data-slot="code-form-description">{description}</p>
      <Banner>{errors.banner}</Banner>
      <Field
        ref={input}
        label={t.code}
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9]*"
        spellCheck={false}
        value={code}
        onChange={(event) => {
          const next = digitsOf(event.currentTarget.value)
          setCode(next)
          // A complete code (typed, pasted or autofilled) is checked without another click.
          if (next.length === CODE_LENGTH && code.length !== CODE_LENGTH) void check(next)
        }}
        error={errors.fields.code}
        readOnly={pending}
      />
      {notice && (
        <p role="status" data-slot="code-form-notice" className="uk-identifier-notice">
          {notice}
        </p>
      )}
      <div data-slot="user-profile-form-actions" className="uk-user-profile-form-actions">
        {onResend && (
          <Button variant="ghost" aria-disabled={left > 0 || undefined} data-action="resend" onClick={resend}>
            {left > 0 ? format(t.resendIn, { seconds: left }) : t.resend}
          </Button>
        )}
        {children}
        <Button variant="ghost" onClick={onCancel} disabled={pending}>
          {messages.common.cancel}
        </Button>
        <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
          {pending ? t.verifying : t.submit}
        </Button>
      </div>
    </form>
  )
}
