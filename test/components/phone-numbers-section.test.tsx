import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { UserkitApiError } from '../../src/api/errors.ts'
import { PhoneNumbersSectionView } from '../../src/components/user-profile/phone-numbers-section.view.tsx'
import { en } from '../../src/localization/en.ts'
import { buildUser } from '../fixtures/user.ts'
import { userWithPhones } from '../fixtures/identifiers.ts'
import { expectNoAxeViolations } from './axe.ts'

const apiError = (status: number, code: string, paramName?: string) =>
  new UserkitApiError(status, [{ code, message: code, longMessage: `server: ${code}`, meta: paramName ? { paramName } : {} }])

describe('PhoneNumbersSectionView', () => {
  describe('given a primary, a verified and an unverified number', () => {
    it('should list them formatted for reading, with badges, once the phone library has loaded', async () => {
      render(<PhoneNumbersSectionView user={userWithPhones()} messages={en} onAdd={vi.fn()} onSetPrimary={vi.fn()} onRemove={vi.fn()} />)
      const list = screen.getByRole('list', { name: 'Phone numbers' })
      await waitFor(() => expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('+1 415 555 0100Primary'))
      expect(within(list).getAllByRole('listitem').map((r) => r.textContent)).toEqual([
        '+1 415 555 0100Primary',
        '+44 7911 123456',
        '+33 6 12 34 56 78Unverified',
      ])
      expect(screen.getByRole('button', { name: 'Actions for +44 7911 123456' })).toBeInTheDocument()
      await expectNoAxeViolations()
    })
  })

  describe('given no phone numbers', () => {
    it('should say so and offer to add one', async () => {
      render(<PhoneNumbersSectionView user={buildUser()} messages={en} onAdd={vi.fn()} />)
      expect(screen.getByRole('region', { name: 'Phone numbers' })).toHaveTextContent('No phone numbers yet')
      expect(screen.getByRole('button', { name: 'Add phone number' })).toBeInTheDocument()
    })
  })

  describe('when a number is typed', () => {
    it('should format it as typed for the chosen country and send it in E.164', async () => {
      const user = userEvent.setup()
      const onAdd = vi.fn(async () => 'idn_new')
      const onPrepare = vi.fn(async () => {})
      render(<PhoneNumbersSectionView user={buildUser()} messages={en} defaultCountry="US" onAdd={onAdd} onPrepare={onPrepare} onAttempt={vi.fn()} />)
      await user.click(screen.getByRole('button', { name: 'Add phone number' }))
      const country = screen.getByRole('combobox', { name: 'Country' })
      const input = screen.getByRole('textbox', { name: 'Phone number' })
      expect(input).toHaveFocus()
      expect(input).toHaveAttribute('type', 'tel')
      expect(input).toHaveAttribute('autocomplete', 'tel')
      await waitFor(() => expect(within(country).getAllByRole('option').length).toBeGreaterThan(200))
      expect(country).toHaveValue('US')
      await user.type(input, '4155550100')
      expect(input).toHaveValue('(415) 555-0100')
      await expectNoAxeViolations()
      await user.keyboard('{Enter}')
      expect(onAdd).toHaveBeenCalledWith('+14155550100')
      await waitFor(() => expect(onPrepare).toHaveBeenCalledWith('idn_new'))
    })

    it('should follow a typed country code and use the country chosen', async () => {
      const user = userEvent.setup()
      const onAdd = vi.fn(async () => 'idn_new')
      render(<PhoneNumbersSectionView user={buildUser()} messages={en} defaultCountry="US" onAdd={onAdd} defaultFlow={{ step: 'add' }} />)
      const country = screen.getByRole('combobox', { name: 'Country' })
      await waitFor(() => expect(within(country).getAllByRole('option').length).toBeGreaterThan(200))
      const input = screen.getByRole('textbox', { name: 'Phone number' })
      await user.type(input, '+33612345678')
      expect(input).toHaveValue('+33 6 12 34 56 78')
      expect(country).toHaveValue('FR')
      await user.clear(input)
      await user.selectOptions(country, 'GB')
      await user.type(input, '07911123456{Enter}')
      expect(onAdd).toHaveBeenCalledWith('+447911123456')
    })

    it('should refuse what cannot be a number at the field, without asking the server', async () => {
      const user = userEvent.setup()
      const onAdd = vi.fn(async () => 'idn_new')
      render(<PhoneNumbersSectionView user={buildUser()} messages={en} onAdd={onAdd} defaultFlow={{ step: 'add' }} />)
      const input = screen.getByRole('textbox', { name: 'Phone number' })
      await user.type(input, '12{Enter}')
      await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'))
      expect(input).toHaveAccessibleDescription(expect.stringContaining(en.errors.form_param_format_invalid_phone_number))
      expect(onAdd).not.toHaveBeenCalled()
      expect(input).toHaveValue('1 2')
    })

    it("should show the server's refusal at the field and keep the number", async () => {
      const user = userEvent.setup()
      const onAdd = vi.fn(async () => Promise.reject(apiError(422, 'form_identifier_exists', 'phone_number')))
      render(<PhoneNumbersSectionView user={buildUser()} messages={en} onAdd={onAdd} defaultFlow={{ step: 'add' }} />)
      const input = screen.getByRole('textbox', { name: 'Phone number' })
      await user.type(input, '+14155550100{Enter}')
      await waitFor(() => expect(input).toHaveAccessibleDescription(expect.stringContaining(en.errors.form_identifier_exists_phone_number)))
      expect(input).toHaveValue('+1 415 555 0100')
    })
  })

  describe('given the code step', () => {
    it('should check the SMS code', async () => {
      const user = userEvent.setup()
      const onAttempt = vi.fn(async () => {})
      render(
        <PhoneNumbersSectionView
          user={userWithPhones()}
          messages={en}
          onPrepare={vi.fn()}
          onAttempt={onAttempt}
          defaultFlow={{ step: 'code', id: 'idn_phone3' }}
        />,
      )
      const form = screen.getByRole('form', { name: 'Verify phone number' })
      await waitFor(() => expect(form).toHaveTextContent('we sent by text message to +33 6 12 34 56 78'))
      await user.type(screen.getByRole('textbox', { name: 'Verification code' }), '654321')
      expect(onAttempt).toHaveBeenCalledWith('idn_phone3', '654321')
      expect(await screen.findByRole('status')).toHaveTextContent('+33 6 12 34 56 78 is verified.')
    })
  })
})
