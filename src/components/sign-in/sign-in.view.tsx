'use client'
import { type FormEvent, useState } from 'react'
import type { Messages } from '../../localization/en.ts'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { cx } from '../shared/cx.ts'
import { type FormErrors, noErrors, routeErrors } from '../shared/errors.ts'
import { Field } from '../shared/field.tsx'

export interface SignInViewProps {
  /** `'loading'` renders a placeholder of the form's size. */
  status: 'loading' | 'ready'
  messages: Messages
  /** Signs in; a rejection with the API's errors shows them at the fields or in a banner. */
  onSignIn: (params: { identifier: string; password: string }) => Promise<unknown>
  /** Merged last onto the root element. */
  className?: string
}

/** An identifier and password form. */
export function SignInView({ status, messages, onSignIn, className }: SignInViewProps) {
  const t = messages.signIn
  const [identifier, setIdentifier] = useState('')
  const [password, setPassword] = useState('')
  const [state, setState] = useState<'idle' | 'pending' | 'error'>('idle')
  const [errors, setErrors] = useState<FormErrors>(noErrors)

  if (status === 'loading') {
    return (
      <div data-slot="sign-in" data-state="loading" className={cx('uk-root uk-sign-in', className)}>
        <span data-slot="sign-in-placeholder" className="uk-sign-in-placeholder" aria-hidden="true" />
      </div>
    )
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (state === 'pending') return
    setState('pending')
    setErrors(noErrors)
    try {
      await onSignIn({ identifier: identifier.trim(), password })
      setState('idle')
    } catch (error) {
      setErrors(routeErrors(error, ['identifier', 'password'], messages))
      setState('error')
    }
  }
  const pending = state === 'pending'
  return (
    <div data-slot="sign-in" data-state={state} className={cx('uk-root uk-sign-in', className)}>
      <form
        data-slot="sign-in-form"
        className="uk-sign-in-form"
        aria-label={t.title}
        aria-busy={pending || undefined}
        noValidate
        onSubmit={submit}
      >
        <Banner>{errors.banner}</Banner>
        <Field
          label={t.identifier}
          name="identifier"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={identifier}
          onChange={(event) => setIdentifier(event.currentTarget.value)}
          error={errors.fields.identifier}
          readOnly={pending}
        />
        <Field
          label={t.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.fields.password}
          readOnly={pending}
        />
        <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
          {pending ? t.pending : t.submit}
        </Button>
      </form>
    </div>
  )
}
