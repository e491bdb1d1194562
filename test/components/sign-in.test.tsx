import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { UserkitApiError } from '../../src/api/errors.ts'
import { SignInView } from '../../src/components/sign-in/sign-in.view.tsx'
import { en } from '../../src/localization/en.ts'
import { expectNoAxeViolations } from './axe.ts'

const item = (code: string, message: string, paramName?: string) => ({
  code,
  message,
  longMessage: message,
  meta: paramName ? { paramName } : {},
})

describe('SignInView', () => {
  describe('given the form', () => {
    it('should label the fields with the right autocomplete', async () => {
      render(<SignInView status="ready" messages={en} onSignIn={vi.fn()} />)
      expect(screen.getByRole('textbox', { name: 'Email address or username' })).toHaveAttribute('autocomplete', 'username')
      expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password')
      await expectNoAxeViolations()
    })
  })

  describe('when the credentials are submitted', () => {
    it('should send them and show the pending state', async () => {
      const user = userEvent.setup()
      const onSignIn = vi.fn(() => new Promise(() => {}))
      render(<SignInView status="ready" messages={en} onSignIn={onSignIn} />)
      await user.type(screen.getByRole('textbox', { name: 'Email address or username' }), ' ada@example.com ')
      await user.type(screen.getByLabelText('Password'), 'correct horse{Enter}')
      expect(onSignIn).toHaveBeenCalledWith({ identifier: 'ada@example.com', password: 'correct horse' })
      expect(screen.getByRole('button', { name: 'Signing in…' })).toHaveAttribute('aria-disabled', 'true')
      await expectNoAxeViolations()
    })
  })

  describe('when the password is wrong', () => {
    it('should show the error at the password field', async () => {
      const user = userEvent.setup()
      const onSignIn = vi.fn(async () => {
        throw new UserkitApiError(422, [item('form_password_incorrect', 'Password is incorrect.', 'password')])
      })
      render(<SignInView status="ready" messages={en} onSignIn={onSignIn} />)
      await user.type(screen.getByRole('textbox', { name: 'Email address or username' }), 'ada')
      await user.type(screen.getByLabelText('Password'), 'nope{Enter}')
      const password = screen.getByLabelText('Password')
      await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'))
      expect(password).toHaveAccessibleDescription(en.errors.form_password_incorrect)
      expect(screen.getByRole('textbox', { name: 'Email address or username' })).toHaveValue('ada')
      await expectNoAxeViolations()
    })
  })

  describe('when too many attempts were made', () => {
    it('should say how long to wait', async () => {
      const user = userEvent.setup()
      const onSignIn = vi.fn(async () => {
        throw new UserkitApiError(429, [item('too_many_requests', 'Too many requests.')], 42)
      })
      render(<SignInView status="ready" messages={en} onSignIn={onSignIn} />)
      await user.type(screen.getByLabelText('Password'), 'x{Enter}')
      expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 42 seconds.')
      await expectNoAxeViolations()
    })
  })

  describe('while loading', () => {
    it('should render a placeholder as tall as the form', async () => {
      const { container, rerender } = render(<SignInView status="loading" messages={en} onSignIn={vi.fn()} />)
      expect(screen.queryByRole('form')).not.toBeInTheDocument()
      const root = () => container.querySelector('[data-slot="sign-in"]') as HTMLElement
      const loading = root().getBoundingClientRect().height
      rerender(<SignInView status="ready" messages={en} onSignIn={vi.fn()} />)
      expect(root().getBoundingClientRect().height).toBe(loading)
      await expectNoAxeViolations()
    })
  })
})
