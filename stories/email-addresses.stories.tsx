import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { UserkitApiError } from '../src/api/errors.ts'
import type { User } from '../src/api/types.ts'
import { EmailAddressesSectionView, type EmailAddressesSectionViewProps } from '../src/components/user-profile/email-addresses-section.view.tsx'
import { en } from '../src/localization/en.ts'
import { emailFixture, userWithEmails, userWithManyEmails } from '../test/fixtures/identifiers.ts'
import { withSurface } from './surface.tsx'

const refuse = (status: number, code: string, paramName?: string, retryAfter?: number) =>
  fn(async () => {
    throw new UserkitApiError(status, [{ code, message: code, longMessage: code, meta: paramName ? { paramName } : {} }], retryAfter)
  })

const meta = {
  title: 'Components/UserProfile/EmailAddresses',
  component: EmailAddressesSectionView,
  args: {
    user: userWithEmails(),
    messages: en,
    strategies: ['email_code', 'email_link'],
    onAdd: fn(async () => 'idn_email3'),
    onPrepare: fn(async () => {}),
    onAttempt: fn(async () => {}),
    onSetPrimary: fn(async () => {}),
    onRemove: fn(async () => {}),
    onAwaitLink: fn(() => undefined),
  },
  decorators: [
    withSurface,
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof EmailAddressesSectionView>

export default meta
type Story = StoryObj<typeof meta>

/** The list: Primary and Unverified badges, a menu on the rows that have actions. */
export const Primary: Story = {}

export const ManyEmails: Story = { args: { user: userWithManyEmails() } }

export const Empty: Story = { args: { user: { ...userWithEmails(), emailAddresses: [], primaryEmailAddressId: null, primaryEmailAddress: null } } }

/** A row's menu, open. */
export const RowMenu: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Actions for countess@lovelace.example' }))
    await expect(await within(document.body).findByRole('menuitem', { name: 'Set as primary' })).toBeVisible()
  },
}

export const Adding: Story = { args: { defaultFlow: { step: 'add' } } }

export const CodeSent: Story = { args: { defaultFlow: { step: 'code', id: 'idn_email3' } } }

export const LinkSent: Story = { args: { defaultFlow: { step: 'link', id: 'idn_email3' } } }

export const WrongCode: Story = {
  args: { defaultFlow: { step: 'code', id: 'idn_email3' }, onAttempt: refuse(422, 'form_code_incorrect', 'code') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Verification code' }), '111111')
    await expect(await canvas.findByText(en.errors.form_code_incorrect)).toBeVisible()
  },
}

export const Expired: Story = {
  args: { defaultFlow: { step: 'code', id: 'idn_email3' }, onAttempt: refuse(422, 'verification_expired', 'code') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Verification code' }), '123456')
    await expect(await canvas.findByText(en.errors.verification_expired)).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Resend code' })).not.toHaveAttribute('aria-disabled')
  },
}

/** Sending was refused for now: the wait from Retry-After counts down on the Resend button. */
export const RateLimited: Story = {
  args: {
    defaultFlow: { step: 'code', id: 'idn_email3', retryAfter: 300, error: 'Too many attempts. Try again in 300 seconds.' },
  },
}

/** Stateful: the right code verifies the address, and the list says so. */
export const Verified: Story = {
  render: function Render(args: EmailAddressesSectionViewProps) {
    const [user, setUser] = useState<User>(args.user)
    const verify = async (id: string) =>
      setUser((u) => ({ ...u, emailAddresses: u.emailAddresses.map((e) => (e.id === id ? emailFixture(e.emailAddress, e.id) : e)) }))
    return <EmailAddressesSectionView {...args} user={user} onAttempt={verify} />
  },
  args: { defaultFlow: { step: 'code', id: 'idn_email3' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Verification code' }), '123456')
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('new@example.com is verified.'))
    await expect(canvas.queryByText('Unverified')).toBeNull()
  },
}

/** The remove confirmation. */
export const Removing: Story = { args: { defaultRemoveId: 'idn_email2' } }

export const ServerError: Story = {
  args: { defaultFlow: { step: 'add' }, onAdd: refuse(500, 'internal_error') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email address' }), 'ada@work.example{Enter}')
    await expect(await canvas.findByRole('alert')).toHaveTextContent('internal_error')
  },
}

export const Taken: Story = {
  args: { defaultFlow: { step: 'add' }, onAdd: refuse(422, 'form_identifier_exists', 'email_address') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email address' }), 'taken@example.com{Enter}')
    await expect(await canvas.findByText(en.errors.form_identifier_exists_email_address)).toBeVisible()
  },
}

export const Dark: Story = { args: { defaultFlow: { step: 'code', id: 'idn_email3' } }, parameters: { theme: 'dark' } }
