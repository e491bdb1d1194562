import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { dashboardMessages } from '../../dashboard/src/messages.ts'
import { emptyDraft } from '../../dashboard/src/types.ts'
import { CreateUserDialogView } from '../../dashboard/src/users/create-user-dialog.view.tsx'
import { DeleteUserDialogView } from '../../dashboard/src/users/delete-user-dialog.view.tsx'
import { withDashboard } from './frame.tsx'

/** The dashboard's dialogs: create a user, and delete one (from the row menu, or with a typed confirmation). */
const meta = {
  title: 'Dashboard/Dialogs',
  decorators: [withDashboard],
  parameters: { layout: 'fullscreen' },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const filled = { ...emptyDraft, emails: 'ada@example.com', username: 'ada', password: 'short', firstName: 'Ada', lastName: 'Lovelace' }

export const CreateUser: Story = {
  render: () => (
    <CreateUserDialogView messages={dashboardMessages} open onOpenChange={fn()} draft={emptyDraft} onDraftChange={fn()} onSubmit={fn()} state="idle" />
  ),
}

export const CreateUserWithErrors: Story = {
  render: () => (
    <CreateUserDialogView
      messages={dashboardMessages}
      open
      onOpenChange={fn()}
      draft={filled}
      onDraftChange={fn()}
      onSubmit={fn()}
      state="idle"
      fieldErrors={{ password: 'Passwords must be 8 characters or more.', email_address: 'That email address is taken. Please try another.' }}
      banner="The request could not be completed."
    />
  ),
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body)
    await expect(await body.findByLabelText('Password')).toHaveAttribute('aria-invalid', 'true')
    await expect(body.getByLabelText('Email addresses')).toHaveValue('ada@example.com')
  },
}

export const CreateUserPending: Story = {
  render: () => (
    <CreateUserDialogView messages={dashboardMessages} open onOpenChange={fn()} draft={filled} onDraftChange={fn()} onSubmit={fn()} state="pending" />
  ),
}

export const DeleteFromRowMenu: Story = {
  render: () => <DeleteUserDialogView messages={dashboardMessages} open onOpenChange={fn()} name="Ada Lovelace" onConfirm={fn()} state="idle" />,
}

const onTypedConfirm = fn()

export const DeleteWithTypedConfirmation: Story = {
  render: () => (
    <DeleteUserDialogView
      messages={dashboardMessages}
      open
      onOpenChange={fn()}
      name="Ada Lovelace"
      confirmText="ada@example.com"
      onConfirm={onTypedConfirm}
      state="idle"
    />
  ),
  play: async ({ canvasElement }) => {
    onTypedConfirm.mockClear()
    const body = within(canvasElement.ownerDocument.body)
    const button = await body.findByRole('button', { name: 'Delete user' })
    await expect(button).toBeDisabled()
    await userEvent.type(body.getByLabelText('Type ada@example.com to confirm'), 'ada@example.com')
    await expect(button).toBeEnabled()
    await userEvent.click(button)
    await expect(onTypedConfirm).toHaveBeenCalled()
  },
}

export const DeleteFailed: Story = {
  render: () => (
    <DeleteUserDialogView
      messages={dashboardMessages}
      open
      onOpenChange={fn()}
      name="Ada Lovelace"
      onConfirm={fn()}
      state="idle"
      error="Could not reach the server."
    />
  ),
}

export const DeleteDark: Story = { ...DeleteWithTypedConfirmation, play: undefined, parameters: { theme: 'dark' } }
