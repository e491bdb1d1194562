import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { ProfileSectionView } from '../src/components/user-profile/profile-section.view.tsx'
import { UserProfileView } from '../src/components/user-profile/user-profile.view.tsx'
import { UsernameSectionView } from '../src/components/user-profile/username-section.view.tsx'
import { en } from '../src/localization/en.ts'
import { withSurface } from './surface.tsx'
import { buildUser, userWithImage, userWithLongName, userWithRtlName } from '../test/fixtures/user.ts'

const meta = {
  title: 'Components/UserProfile',
  component: UserProfileView,
  args: { status: 'ready', messages: en, pages: ['account'], routing: 'virtual' },
  decorators: [withSurface],
} satisfies Meta<typeof UserProfileView>

export default meta
type Story = StoryObj<typeof meta>

const sections = (user = buildUser()) => (
  <>
    <ProfileSectionView user={user} messages={en} onUpdate={fn()} onSetImage={fn()} />
    <UsernameSectionView user={user} messages={en} onUpdate={fn()} />
  </>
)

export const SignedIn: Story = { args: { children: sections(userWithImage()) } }

export const NoAvatar: Story = { args: { children: sections() } }

export const LongName: Story = { args: { children: sections(userWithLongName()) } }

export const RightToLeftName: Story = { args: { children: sections(userWithRtlName()) } }

export const Loading: Story = { args: { status: 'loading' } }

export const HashRouting: Story = { args: { routing: 'hash', children: sections() } }

export const Dark: Story = { args: { children: sections(userWithImage()) }, parameters: { theme: 'dark' } }
