'use client'
import { Banner } from '../../src/components/shared/banner.tsx'
import { Button } from '../../src/components/shared/button.tsx'
import { Field } from '../../src/components/shared/field.tsx'
import type { DashboardMessages } from './messages.ts'

export interface LoginViewProps {
  messages: DashboardMessages
  /** Which credential the field takes. */
  mode: 'secret_key' | 'password'
  onModeChange: (mode: 'secret_key' | 'password') => void
  value: string
  onValueChange: (value: string) => void
  onSubmit: () => void
  state: 'idle' | 'pending'
  /** The error at the field. */
  error?: string | null
  /** An error that belongs to no field (rate limit, network). */
  banner?: string | null
}

/** The dashboard's sign-in: the secret key, or the operator password. */
export function LoginView({ messages, mode, onModeChange, value, onValueChange, onSubmit, state, error = null, banner = null }: LoginViewProps) {
  const t = messages.login
  return (
    <section data-slot="dashboard-login" className="dk-login" aria-labelledby="dk-login-title">
      <h1 id="dk-login-title" tabIndex={-1} data-slot="dashboard-page-title">
        {t.title}
      </h1>
      <p className="dk-muted">{t.description}</p>
      <form
        className="dk-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (state !== 'pending') onSubmit()
        }}
      >
        <Banner>{banner}</Banner>
        <Field
          key={mode}
          label={mode === 'secret_key' ? t.secretKey : t.password}
          type="password"
          autoComplete={mode === 'secret_key' ? 'off' : 'current-password'}
          spellCheck={false}
          value={value}
          error={error ?? undefined}
          onChange={(event) => onValueChange(event.target.value)}
          required
        />
        <Button type="submit" variant="primary" aria-disabled={state === 'pending' || undefined}>
          {state === 'pending' ? t.pending : t.submit}
        </Button>
        <Button variant="ghost" onClick={() => onModeChange(mode === 'secret_key' ? 'password' : 'secret_key')}>
          {mode === 'secret_key' ? t.usePassword : t.useSecretKey}
        </Button>
      </form>
    </section>
  )
}
