'use client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { fieldErrors } from './api.ts'
import { useDashboard } from './context.tsx'
import { LoginView } from './login.view.tsx'
import { dashboardKeys } from './queries.ts'

/** The connected sign-in: on success the session query is refreshed and the dashboard opens. */
export function Login() {
  const { api, messages } = useDashboard()
  const queryClient = useQueryClient()
  const [mode, setMode] = useState<'secret_key' | 'password'>('secret_key')
  const [value, setValue] = useState('')
  const signIn = useMutation({
    mutationFn: () => api.signIn(mode === 'secret_key' ? { secret_key: value } : { password: value }),
    onSuccess: (session) => queryClient.setQueryData(dashboardKeys.session(), session),
  })
  const errors = fieldErrors(signIn.error, ['secret_key', 'password'], messages.unknownError)
  return (
    <LoginView
      messages={messages}
      mode={mode}
      onModeChange={(next) => {
        setMode(next)
        setValue('')
        signIn.reset()
      }}
      value={value}
      onValueChange={setValue}
      onSubmit={() => signIn.mutate()}
      state={signIn.isPending ? 'pending' : 'idle'}
      error={errors.fields[mode] ?? null}
      banner={errors.banner}
    />
  )
}
