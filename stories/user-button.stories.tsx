import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { UserButtonView } from '../src/components/user-button/user-button.view.tsx'
import { ProfileSectionView } from '../src/components/user-profile/profile-section.view.tsx'
import { UserProfileView } from '../src/components/user-profile/user-profile.view.tsx'
import { UsernameSectionView } from '../src/components/user-profile/username-section.view.tsx'
import { en } from '../src/localization/en.ts'
import { withSurface } from './surface.tsx'
import { buildUser, userWithImage, userWithLongName, userWithRtlName, userWithUsernameOnly } from '../test/fixtures/user.ts'

const meta = {
  title: 'Components/UserButton',
  component: UserButtonView,
  args: {
    user: buildUser(),
    status: 'ready',
    messages: en,
    onManageAccount: fn(),
    onSignOut: fn(),
  },
  parameters: { layout: 'padded' },
  // Room below the trigger for the menu, aligned to the end as in a header.
  decorators: [
    withSurface,
    (Story) => (
      <div style={{ display: 'flex', justifyContent: 'flex-end', minHeight: 280 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof UserButtonView>

export default meta
type Story = StoryObj<typeof meta>

export const SignedIn: Story = {}

export const WithImage: Story = { args: { user: userWithImage() } }

export const NoAvatar: Story = { args: { user: buildUser() } }

export const ShowName: Story = { args: { showName: true, user: userWithImage() } }

export const Loading: Story = { args: { status: 'loading', user: null } }

export const LoadingWithName: Story = { args: { status: 'loading', user: null, showName: true } }

/** The session could not be loaded (server down): a same-size button asks again. */
export const ServerError: Story = {
  args: { status: 'error', user: null, onRetry: fn() },
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: en.userButton.loadFailed }))
    await expect(args.onRetry).toHaveBeenCalledOnce()
  },
}

export const MenuOpen: Story = { args: { defaultOpen: true } }

export const LongName: Story = { args: { user: userWithLongName(), showName: true, defaultOpen: true } }

export const RightToLeftName: Story = { args: { user: userWithRtlName(), showName: true, defaultOpen: true } }

export const RightToLeftLayout: Story = {
  args: { user: userWithRtlName(), showName: true, defaultOpen: true },
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <Story />
      </div>
    ),
  ],
}

export const UsernameOnly: Story = { args: { user: userWithUsernameOnly(), defaultOpen: true } }

export const CustomItems: Story = {
  args: {
    defaultOpen: true,
    children: (
      <UserButtonView.MenuItems>
        <UserButtonView.Action label="manageAccount" />
        <UserButtonView.Link label="Help center" href="#help" />
        <UserButtonView.Action label="Billing" onClick={fn()} />
        <UserButtonView.Action label="signOut" />
      </UserButtonView.MenuItems>
    ),
  },
}

export const WithoutCallbacks: Story = {
  args: { defaultOpen: true, onManageAccount: undefined, onSignOut: undefined },
}

export const Dark: Story = { args: { defaultOpen: true, user: userWithImage() }, parameters: { theme: 'dark' } }

const profile = (
  <UserProfileView status="ready" messages={en} routing="virtual">
    <ProfileSectionView user={buildUser()} messages={en} onUpdate={fn()} onSetImage={fn()} />
    <UsernameSectionView user={buildUser()} messages={en} onUpdate={fn()} />
  </UserProfileView>
)

/** Manage account opens the profile in a dialog; the play function opens it with the keyboard. */
export const ManageAccountDialog: Story = {
  args: { userProfile: profile, onManageAccount: undefined },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    canvas.getByRole('button', { name: 'Open user menu' }).focus()
    await userEvent.keyboard('{Enter}')
    await userEvent.click(await canvas.findByRole('menuitem', { name: 'Manage account' }))
    const dialog = await canvas.findByRole('dialog', { name: 'Manage account' })
    await waitFor(() => expect(within(dialog).getByRole('region', { name: 'Profile' })).toBeVisible())
  },
}

export const ManageAccountDialogDark: Story = {
  ...ManageAccountDialog,
  parameters: { theme: 'dark' },
}
