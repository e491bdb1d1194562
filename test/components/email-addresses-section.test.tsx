import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { UserkitApiError } from '../../src/api/errors.ts'
import { EmailAddressesSectionView } from '../../src/components/user-profile/email-addresses-section.view.tsx'
import { en } from '../../src/localization/en.ts'
import { emailFixture, userWithEmails } from '../fixtures/identifiers.ts'
import { expectNoAxeViolations } from './axe.ts'

const apiError = (status: number, code: string, paramName?: string, retryAfter?: number) =>
  new UserkitApiError(status, [{ code, message: code, longMessage: `server: ${code}`, meta: paramName ? { paramName } : {} }], retryAfter)
const rejecting = (error: UserkitApiError) => vi.fn(async () => Promise.reject(error))

describe('EmailAddressesSectionView', () => {
  describe('given a primary, a verified and an unverified address', () => {
    it('should list them with Primary and Unverified badges and a menu only where there is something to do', async () => {
      render(<EmailAddressesSectionView user={userWithEmails()} messages={en} onAdd={vi.fn()} onPrepare={vi.fn()} onSetPrimary={vi.fn()} onRemove={vi.fn()} />)
      const list = screen.getByRole('list', { name: 'Email addresses' })
      const rows = within(list).getAllByRole('listitem')
      expect(rows.map((r) => r.textContent)).toEqual(['ada@example.comPrimary', 'countess@lovelace.example', 'new@example.comUnverified'])
      // The primary, verified address can be neither made primary, verified nor removed: no menu.
      expect(screen.queryByRole('button', { name: 'Actions for ada@example.com' })).not.toBeInTheDocument()
      expect(screen.getByRole('button', { name: 'Actions for countess@lovelace.example' })).toBeInTheDocument()
      expect(screen.getByRole('button', { name: 'Add email address' })).toBeInTheDocument()
      await expectNoAxeViolations()
    })

    it('should offer Verify and Remove for the unverified one, Set as primary and Remove for the verified one', async () => {
      const user = userEvent.setup()
      render(<EmailAddressesSectionView user={userWithEmails()} messages={en} onPrepare={vi.fn()} onSetPrimary={vi.fn()} onRemove={vi.fn()} />)
      await user.click(screen.getByRole('button', { name: 'Actions for new@example.com' }))
      expect((await screen.findAllByRole('menuitem')).map((i) => i.textContent)).toEqual(['Verify', 'Remove'])
      await expectNoAxeViolations()
      await user.keyboard('{Escape}')
      await user.click(screen.getByRole('button', { name: 'Actions for countess@lovelace.example' }))
      expect((await screen.findAllByRole('menuitem')).map((i) => i.textContent)).toEqual(['Set as primary', 'Remove'])
    })
  })

  describe('when Set as primary is chosen', () => {
    it('should call onSetPrimary with the id and announce it', async () => {
      const user = userEvent.setup()
      const onSetPrimary = vi.fn(async () => {})
      render(<EmailAddressesSectionView user={userWithEmails()} messages={en} onSetPrimary={onSetPrimary} />)
      await user.click(screen.getByRole('button', { name: 'Actions for countess@lovelace.example' }))
      await user.click(await screen.findByRole('menuitem', { name: 'Set as primary' }))
      expect(onSetPrimary).toHaveBeenCalledWith('idn_email2')
      expect(await screen.findByRole('status')).toHaveTextContent('countess@lovelace.example is now your primary email address.')
    })

    it('should show the refusal in a banner', async () => {
      const user = userEvent.setup()
      render(<EmailAddressesSectionView user={userWithEmails()} messages={en} onSetPrimary={rejecting(apiError(422, 'primary_refused'))} />)
      await user.click(screen.getByRole('button', { name: 'Actions for countess@lovelace.example' }))
      await user.click(await screen.findByRole('menuitem', { name: 'Set as primary' }))
      expect(await screen.findByRole('alert')).toHaveTextContent('server: primary_refused')
    })
  })

  describe('when Remove is chosen', () => {
    it('should ask for confirmation and remove only once confirmed', async () => {
      const user = userEvent.setup()
      const onRemove = vi.fn(async () => {})
      render(<EmailAddressesSectionView user={userWithEmails()} messages={en} onRemove={onRemove} />)
      await user.click(screen.getByRole('button', { name: 'Actions for countess@lovelace.example' }))
      await user.click(await screen.findByRole('menuitem', { name: 'Remove' }))
      const dialog = await screen.findByRole('alertdialog', { name: 'Remove email address' })
      expect(dialog).toHaveAccessibleDescription(/countess@lovelace\.example will be removed/)
      await expectNoAxeViolations()
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
      await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
      expect(onRemove).not.toHaveBeenCalled()

      await user.click(screen.getByRole('button', { name: 'Actions for countess@lovelace.example' }))
      await user.click(await screen.findByRole('menuitem', { name: 'Remove' }))
      await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove' }))
      expect(onRemove).toHaveBeenCalledWith('idn_email2')
      await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
      expect(screen.getByRole('status')).toHaveTextContent('countess@lovelace.example was removed.')
    })

    it('should keep the dialog open with the server refusal', async () => {
      const user = userEvent.setup()
      render(
        <EmailAddressesSectionView
          user={userWithEmails()}
          messages={en}
          onRemove={rejecting(apiError(422, 'identification_deletion_failed'))}
          defaultRemoveId="idn_email2"
        />,
      )
      const dialog = await screen.findByRole('alertdialog')
      await user.click(within(dialog).getByRole('button', { name: 'Remove' }))
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(en.errors.identification_deletion_failed)
    })
  })

  describe('when the address to add is taken', () => {
    it('should say so at the field with the text for that code and field, and keep what was typed', async () => {
      const user = userEvent.setup()
      const onAdd = rejecting(apiError(422, 'form_identifier_exists', 'email_address'))
      render(<EmailAddressesSectionView user={userWithEmails()} messages={en} onAdd={onAdd} onPrepare={vi.fn()} />)
      await user.click(screen.getByRole('button', { name: 'Add email address' }))
      const input = screen.getByRole('textbox', { name: 'Email address' })
      await user.type(input, 'taken@example.com{Enter}')
      await waitFor(() => expect(input).toHaveAccessibleDescription(en.errors.form_identifier_exists_email_address))
      expect(input).toHaveValue('taken@example.com')
      await expectNoAxeViolations()
    })
  })

  describe('when an address is added and verified by code', () => {
    it('should send the code and check a pasted code without another click', async () => {
      const user = userEvent.setup()
      const onAdd = vi.fn(async () => 'idn_email3')
      const onPrepare = vi.fn(async () => {})
      const onAttempt = vi.fn(async () => {})
      render(<EmailAddressesSectionView user={userWithEmails()} messages={en} onAdd={onAdd} onPrepare={onPrepare} onAttempt={onAttempt} />)
      await user.click(screen.getByRole('button', { name: 'Add email address' }))
      const input = screen.getByRole('textbox', { name: 'Email address' })
      expect(input).toHaveFocus()
      expect(input).toHaveAttribute('autocomplete', 'email')
      await user.type(input, 'new@example.com{Enter}')
      expect(onAdd).toHaveBeenCalledWith('new@example.com')
      expect(onPrepare).toHaveBeenCalledWith('idn_email3', 'email_code')

      const code = await screen.findByRole('textbox', { name: 'Verification code' })
      expect(screen.getByRole('form', { name: 'Verify email address' })).toHaveTextContent('Enter the 6-digit code we sent to new@example.com.')
      expect(code).toHaveFocus()
      expect(code).toHaveAttribute('autocomplete', 'one-time-code')
      expect(code).toHaveAttribute('inputmode', 'numeric')
      expect(screen.getByRole('button', { name: 'Resend code in 30 s' })).toHaveAttribute('aria-disabled', 'true')
      await expectNoAxeViolations()
      await user.paste('123 456')
      expect(onAttempt).toHaveBeenCalledWith('idn_email3', '123456')
      expect(await screen.findByRole('status')).toHaveTextContent('new@example.com is verified.')
      expect(screen.getByRole('button', { name: 'Add email address' })).toHaveFocus()
    })

    it('should show a taken address at the field and keep what was typed', async () => {
      const user = userEvent.setup()
      render(
        <EmailAddressesSectionView
          user={userWithEmails()}
          messages={en}
          onAdd={rejecting(apiError(422, 'form_identifier_exists', 'email_address'))}
          onPrepare={vi.fn()}
          defaultFlow={{ step: 'add' }}
        />,
      )
      const input = screen.getByRole('textbox', { name: 'Email address' })
      await user.type(input, 'taken@example.com{Enter}')
      await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'))
      expect(input).toHaveAccessibleDescription(en.errors.form_identifier_exists_email_address)
      expect(input).toHaveValue('taken@example.com')
      await expectNoAxeViolations()
    })

    it('should show a server failure in a banner', async () => {
      const user = userEvent.setup()
      render(<EmailAddressesSectionView user={userWithEmails()} messages={en} onAdd={rejecting(apiError(500, 'internal'))} defaultFlow={{ step: 'add' }} />)
      await user.type(screen.getByRole('textbox', { name: 'Email address' }), 'x@example.com{Enter}')
      expect(await screen.findByRole('alert')).toHaveTextContent('server: internal')
      expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue('x@example.com')
    })

    it('should open the code step with the wait when sending is rate limited', async () => {
      const user = userEvent.setup()
      render(
        <EmailAddressesSectionView
          user={userWithEmails()}
          messages={en}
          onAdd={vi.fn(async () => 'idn_email3')}
          onPrepare={rejecting(apiError(429, 'too_many_requests', undefined, 42))}
          defaultFlow={{ step: 'add' }}
        />,
      )
      await user.type(screen.getByRole('textbox', { name: 'Email address' }), 'new@example.com{Enter}')
      expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 42 seconds.')
      expect(screen.getByRole('button', { name: /^Resend code in 4[12] s$/ })).toHaveAttribute('aria-disabled', 'true')
    })
  })

  describe('given the code step', () => {
    const codeStep = (onAttempt: () => Promise<unknown>, onPrepare = vi.fn(async () => {})) =>
      render(
        <EmailAddressesSectionView
          user={userWithEmails()}
          messages={en}
          onPrepare={onPrepare}
          onAttempt={onAttempt}
          defaultFlow={{ step: 'code', id: 'idn_email3', retryAfter: 1 }}
        />,
      )

    it('should show a wrong code at the field, keep it, and let it be retyped', async () => {
      const user = userEvent.setup()
      const onAttempt = vi.fn(async () => Promise.reject(apiError(422, 'form_code_incorrect', 'code')))
      codeStep(onAttempt)
      const code = screen.getByRole('textbox', { name: 'Verification code' })
      await user.type(code, '111111')
      await waitFor(() => expect(code).toHaveAccessibleDescription(en.errors.form_code_incorrect))
      expect(code).toHaveValue('111111')
      expect(code).toHaveAttribute('aria-invalid', 'true')
      await expectNoAxeViolations()
      // The wrong code is selected with focus kept: typing replaces it.
      expect(code).toHaveFocus()
      await user.keyboard('222222')
      expect(onAttempt).toHaveBeenLastCalledWith('idn_email3', '222222')
    })

    it('should ignore letters and stop at 6 digits', async () => {
      const user = userEvent.setup()
      const onAttempt = vi.fn(async () => {})
      codeStep(onAttempt)
      await user.type(screen.getByRole('textbox', { name: 'Verification code' }), 'a1b2c3')
      expect(screen.getByRole('textbox', { name: 'Verification code' })).toHaveValue('123')
      expect(onAttempt).not.toHaveBeenCalled()
      await user.click(screen.getByRole('button', { name: 'Verify' }))
      expect(onAttempt).toHaveBeenCalledWith('idn_email3', '123')
    })

    it('should offer a new code at once when the code expired', async () => {
      const user = userEvent.setup()
      render(
        <EmailAddressesSectionView
          user={userWithEmails()}
          messages={en}
          onPrepare={vi.fn(async () => {})}
          onAttempt={rejecting(apiError(422, 'verification_expired', 'code'))}
          defaultFlow={{ step: 'code', id: 'idn_email3' }}
        />,
      )
      expect(screen.getByRole('button', { name: 'Resend code in 30 s' })).toBeInTheDocument()
      await user.type(screen.getByRole('textbox', { name: 'Verification code' }), '123456')
      expect(await screen.findByText(en.errors.verification_expired)).toBeInTheDocument()
      expect(screen.getByRole('button', { name: 'Resend code' })).not.toHaveAttribute('aria-disabled')
    })

    it('should count down, then resend and say so', async () => {
      const user = userEvent.setup()
      const onPrepare = vi.fn(async () => {})
      codeStep(vi.fn(), onPrepare)
      const resend = screen.getByRole('button', { name: 'Resend code in 1 s' })
      await user.click(resend)
      expect(onPrepare).not.toHaveBeenCalled()
      await waitFor(() => expect(resend).toHaveAccessibleName('Resend code'), { timeout: 3000 })
      await user.click(resend)
      expect(onPrepare).toHaveBeenCalledWith('idn_email3', 'email_code')
      expect(await screen.findByText(en.verification.resent)).toBeInTheDocument()
      expect(resend).toHaveAccessibleName('Resend code in 30 s')
    })

    it('should honour Retry-After when resending is rate limited', async () => {
      const user = userEvent.setup()
      codeStep(vi.fn(), rejecting(apiError(429, 'too_many_requests', undefined, 90)))
      const resend = screen.getByRole('button', { name: 'Resend code in 1 s' })
      await waitFor(() => expect(resend).toHaveAccessibleName('Resend code'), { timeout: 3000 })
      await user.click(resend)
      expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 90 seconds.')
      expect(resend.textContent).toMatch(/^Resend code in (90|89) s$/)
    })
  })

  describe('when an address is verified by link', () => {
    it('should wait for the link, poll through onAwaitLink, and finish once the address is verified', async () => {
      const user = userEvent.setup()
      const stop = vi.fn()
      const onAwaitLink = vi.fn(() => stop)
      const onPrepare = vi.fn(async () => {})
      const props = {
        messages: en,
        strategies: ['email_link', 'email_code'] as const,
        onAdd: vi.fn(async () => 'idn_email3'),
        onPrepare,
        onAttempt: vi.fn(),
        onAwaitLink,
      }
      const { rerender } = render(<EmailAddressesSectionView user={userWithEmails()} {...props} />)
      await user.click(screen.getByRole('button', { name: 'Add email address' }))
      await user.type(screen.getByRole('textbox', { name: 'Email address' }), 'new@example.com{Enter}')
      expect(onPrepare).toHaveBeenCalledWith('idn_email3', 'email_link')
      const group = await screen.findByRole('group', { name: 'Verify email address' })
      expect(group).toHaveTextContent('Check your inbox: we sent a link to new@example.com.')
      expect(within(group).getByRole('status')).toHaveTextContent(en.userProfile.emailAddresses.linkWaiting)
      expect(onAwaitLink).toHaveBeenCalledWith('idn_email3')
      await expectNoAxeViolations()

      // The link is opened elsewhere: the shell's poll brings the verified address.
      const verified = userWithEmails()
      const user2 = { ...verified, emailAddresses: verified.emailAddresses.map((e) => (e.id === 'idn_email3' ? emailFixture(e.emailAddress, e.id) : e)) }
      rerender(<EmailAddressesSectionView user={user2} {...props} />)
      expect(await screen.findByRole('status')).toHaveTextContent('new@example.com is verified.')
      expect(stop).toHaveBeenCalled()
      expect(screen.queryByText('Unverified')).not.toBeInTheDocument()
    })

    it('should switch to a code on request', async () => {
      const user = userEvent.setup()
      const onPrepare = vi.fn(async () => {})
      render(
        <EmailAddressesSectionView
          user={userWithEmails()}
          messages={en}
          strategies={['email_link', 'email_code']}
          onPrepare={onPrepare}
          defaultFlow={{ step: 'link', id: 'idn_email3' }}
        />,
      )
      await user.click(screen.getByRole('button', { name: 'Send a code instead' }))
      expect(onPrepare).toHaveBeenCalledWith('idn_email3', 'email_code')
      expect(await screen.findByRole('textbox', { name: 'Verification code' })).toBeInTheDocument()
    })
  })
})
