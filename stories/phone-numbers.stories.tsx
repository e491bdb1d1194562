import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { UserkitApiError } from '../src/api/errors.ts'
import type { User } from '../src/api/types.ts'
import { PhoneNumbersSectionView, type PhoneNumbersSectionViewProps } from '../src/components/user-profile/phone-numbers-section.view.tsx'
import { en } from '../src/localization/en.ts'
import { phoneFixture, userWithPhones } from '../test/fixtures/identifiers.ts'
import { withSurface } from './surface.tsx'

const refuse = (status: number, code: string, paramName?: string, retryAfter?: number) =>
  fn(async () => {
    throw new UserkitApiError(status, [{ code, message: code, longMessage: code, meta: paramName ? { paramName } : {} }], retryAfter)
  })

// The phone library loads lazily: its first import in a fresh dev server can take a while.
const slow = { timeout: 15_000 }

const meta = {
  title: 'Components/UserProfile/PhoneNumbers',
  component: PhoneNumbersSectionView,
  args: {
    user: userWithPhones(),
    messages: en,
    defaultCountry: 'US',
    locale: 'en',
    onAdd: fn(async () => 'idn_phone3'),
    onPrepare: fn(async () => {}),
    onAttempt: fn(async () => {}),
    onSetPrimary: fn(async () => {}),
    onRemove: fn(async () => {}),
  },
  decorators: [
    withSurface,
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PhoneNumbersSectionView>

export default meta
type Story = StoryObj<typeof meta>

/** The list, formatted once the phone library has loaded lazily. */
export const Primary: Story = {
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('+1 415 555 0100', {}, slow)).toBeVisible()
  },
}

export const ManyNumbers: Story = {
  args: {
    user: {
      ...userWithPhones(),
      phoneNumbers: ['+14155550100', '+14155550101', '+447911123456', '+33612345678', '+4915123456789', '+819012345678', '+61412345678'].map(
        (n, i) => phoneFixture(n, `idn_p${i}`, i === 3 ? 'unverified' : 'verified'),
      ),
      primaryPhoneNumberId: 'idn_p0',
    },
  },
}

export const Empty: Story = { args: { user: { ...userWithPhones(), phoneNumbers: [], primaryPhoneNumberId: null, primaryPhoneNumber: null } } }

/** Typing formats the number for the chosen country. */
export const Adding: Story = {
  args: { defaultFlow: { step: 'add' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(within(canvas.getByRole('combobox', { name: 'Country' })).getAllByRole('option').length).toBeGreaterThan(200), slow)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Phone number' }), '4155550123')
    await expect(canvas.getByRole('textbox', { name: 'Phone number' })).toHaveValue('(415) 555-0123')
  },
}

export const InvalidNumber: Story = {
  args: { defaultFlow: { step: 'add' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Phone number' }), '123{Enter}')
    await expect(await canvas.findByText(en.errors.form_param_format_invalid_phone_number, {}, slow)).toBeVisible()
  },
}

export const CodeSent: Story = { args: { defaultFlow: { step: 'code', id: 'idn_phone3' } } }

export const WrongCode: Story = {
  args: { defaultFlow: { step: 'code', id: 'idn_phone3' }, onAttempt: refuse(422, 'form_code_incorrect', 'code') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Verification code' }), '111111')
    await expect(await canvas.findByText(en.errors.form_code_incorrect)).toBeVisible()
  },
}

export const Expired: Story = {
  args: { defaultFlow: { step: 'code', id: 'idn_phone3' }, onAttempt: refuse(422, 'verification_expired', 'code') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Verification code' }), '123456')
    await expect(await canvas.findByText(en.errors.verification_expired)).toBeVisible()
  },
}

export const RateLimited: Story = {
  args: { defaultFlow: { step: 'code', id: 'idn_phone3', retryAfter: 120, error: 'Too many attempts. Try again in 120 seconds.' } },
}

/** Stateful: the right code verifies the number. */
export const Verified: Story = {
  render: function Render(args: PhoneNumbersSectionViewProps) {
    const [user, setUser] = useState<User>(args.user)
    const verify = async (id: string) =>
      setUser((u) => ({ ...u, phoneNumbers: u.phoneNumbers.map((p) => (p.id === id ? phoneFixture(p.phoneNumber, p.id) : p)) }))
    return <PhoneNumbersSectionView {...args} user={user} onAttempt={verify} />
  },
  args: { defaultFlow: { step: 'code', id: 'idn_phone3' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Verification code' }), '123456')
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('is verified.'))
  },
}

export const Removing: Story = { args: { defaultRemoveId: 'idn_phone2' } }

export const ServerError: Story = {
  args: { defaultFlow: { step: 'add' }, onAdd: refuse(500, 'internal_error') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Phone number' }), '+14155550123{Enter}')
    await expect(await canvas.findByRole('alert', {}, slow)).toHaveTextContent('internal_error')
  },
}

export const Dark: Story = { args: { defaultFlow: { step: 'add' } }, parameters: { theme: 'dark' } }
