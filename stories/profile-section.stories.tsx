import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { UserkitApiError } from '../src/api/errors.ts'
import { ProfileSectionView } from '../src/components/user-profile/profile-section.view.tsx'
import { en } from '../src/localization/en.ts'
import { withSurface } from './surface.tsx'
import { buildUser, userWithImage, userWithLongName, userWithRtlName } from '../test/fixtures/user.ts'

const meta = {
  title: 'Components/UserProfile/Profile',
  component: ProfileSectionView,
  args: {
    user: buildUser(),
    messages: en,
    onUpdate: fn(async () => {}),
    onSetImage: fn(async () => {}),
  },
  decorators: [
    withSurface,
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ProfileSectionView>

export default meta
type Story = StoryObj<typeof meta>

export const SignedIn: Story = { args: { user: userWithImage() } }

export const NoAvatar: Story = {}

export const LongName: Story = { args: { user: userWithLongName() } }

export const RightToLeftName: Story = { args: { user: userWithRtlName() } }

export const Editing: Story = { args: { user: userWithImage(), defaultEditing: true } }

export const EditingNoAvatar: Story = { args: { defaultEditing: true } }

export const ReadOnly: Story = { args: { onUpdate: undefined, onSetImage: undefined } }

/** Saving never finishes: the pending state. */
export const Pending: Story = {
  args: { defaultEditing: true, onUpdate: fn(() => new Promise(() => {})) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'First name' }), 'x')
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
    await expect(canvas.getByRole('button', { name: 'Saving…' })).toBeInTheDocument()
  },
}

/** The server refuses: a field error at First name and a banner for the rest; the text stays. */
export const ServerError: Story = {
  args: {
    defaultEditing: true,
    onUpdate: fn(async () => {
      throw new UserkitApiError(422, [
        { code: 'form_param_max_length_exceeded', message: 'too long', longMessage: 'too long', meta: { paramName: 'first_name' } },
        { code: 'unexpected_response', message: 'Unexpected response (502)', longMessage: 'Unexpected response (502)', meta: {} },
      ])
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const first = canvas.getByRole('textbox', { name: 'First name' })
    await userEvent.clear(first)
    await userEvent.type(first, 'Augusta Ada King, Countess of Lovelace')
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
    await expect(await canvas.findByRole('alert')).toBeInTheDocument()
    await expect(first).toHaveAttribute('aria-invalid', 'true')
  },
}

export const WrongImageType: Story = {
  args: { defaultEditing: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = canvasElement.querySelector('input[type=file]') as HTMLInputElement
    await userEvent.upload(input, new File(['%PDF'], 'cv.pdf', { type: 'application/pdf' }), { applyAccept: false })
    await expect(await canvas.findByRole('alert')).toBeInTheDocument()
  },
}

export const Dark: Story = { args: { user: userWithImage(), defaultEditing: true }, parameters: { theme: 'dark' } }
