import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { UserkitApiError } from '../src/api/errors.ts'
import { UsernameSectionView } from '../src/components/user-profile/username-section.view.tsx'
import { en } from '../src/localization/en.ts'
import { withSurface } from './surface.tsx'
import { buildUser, userWithLongName } from '../test/fixtures/user.ts'

const meta = {
  title: 'Components/UserProfile/Username',
  component: UsernameSectionView,
  args: { user: buildUser(), messages: en, onUpdate: fn(async () => {}), minLength: 4, maxLength: 64 },
  decorators: [
    withSurface,
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof UsernameSectionView>

export default meta
type Story = StoryObj<typeof meta>

export const SignedIn: Story = {}

export const NoUsername: Story = { args: { user: buildUser({ username: null }) } }

export const LongUsername: Story = { args: { user: { ...userWithLongName(), username: 'maximiliana_wolfeschlegelsteinhausenbergerdorff_1815' } } }

export const Editing: Story = { args: { defaultEditing: true } }

export const ReadOnly: Story = { args: { onUpdate: undefined } }

/** The username is taken: the error sits at the field. */
export const ServerError: Story = {
  args: {
    defaultEditing: true,
    onUpdate: fn(async () => {
      throw new UserkitApiError(422, [
        { code: 'form_identifier_exists', message: 'taken', longMessage: 'taken', meta: { paramName: 'username' } },
      ])
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: 'Username' })
    await userEvent.clear(input)
    await userEvent.type(input, 'babbage{Enter}')
    await expect(await canvas.findByText(en.errors.form_identifier_exists)).toBeInTheDocument()
  },
}

export const Dark: Story = { args: { defaultEditing: true }, parameters: { theme: 'dark' } }
