import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { UserkitApiError } from '../src/api/errors.ts'
import type { User } from '../src/api/types.ts'
import { ProfileSectionView } from '../src/components/user-profile/profile-section.view.tsx'
import { UserProfileView } from '../src/components/user-profile/user-profile.view.tsx'
import { UsernameSectionView } from '../src/components/user-profile/username-section.view.tsx'
import type { Messages } from '../src/localization/en.ts'
import { StateCell, StateGrid } from './state-grid.tsx'
import { catalogFor, useStoryMessages } from './story-globals.tsx'
import { buildUser, userWithImage, userWithLongName, userWithRtlName } from '../test/fixtures/user.ts'

/**
 * Every state of <UserProfile /> and its Profile and Username sections side by side; compared with
 * committed screenshots in `npm test`. The play functions bring the error states about.
 */
const meta = {
  title: 'All states/UserProfile',
  component: UserProfileView,
  tags: ['!autodocs', 'all-states'],
  // Repeating a component side by side repeats its landmarks (forms, navs, sections named alike),
  // which axe's landmark-unique rule rightly flags on a real page; each state is also a story of its
  // own, checked with every rule. (A literal: Storybook's CSF indexer reads meta statically.)
  parameters: { a11y: { options: { rules: { 'landmark-unique': { enabled: false } } } } },
  // The grids render their own views; these args only satisfy the component's required props.
  args: { status: 'ready', messages: undefined as never },
} satisfies Meta<typeof UserProfileView>

export default meta
type Story = StoryObj<typeof meta>

const ok = () => fn(async () => {})
const refuse = (code: string, paramName?: string) =>
  fn(async () => {
    throw new UserkitApiError(422, [{ code, message: code, longMessage: code, meta: paramName ? { paramName } : {} }])
  })

const sections = (messages: Messages, user: User) => (
  <>
    <ProfileSectionView user={user} messages={messages} onUpdate={ok()} onSetImage={ok()} />
    <UsernameSectionView user={user} messages={messages} onUpdate={ok()} />
  </>
)

function ProfileStates() {
  const messages = useStoryMessages()
  return (
    <StateGrid label="UserProfile" minCellWidth={640}>
      <StateCell label="Loading">
        <UserProfileView status="loading" messages={messages} routing="virtual" />
      </StateCell>
      <StateCell label="Signed in, with image">
        <UserProfileView status="ready" messages={messages} routing="virtual" pages={['account']}>
          {sections(messages, userWithImage())}
        </UserProfileView>
      </StateCell>
      <StateCell label="Long name, no avatar">
        <UserProfileView status="ready" messages={messages} routing="virtual" pages={['account']}>
          {sections(messages, userWithLongName())}
        </UserProfileView>
      </StateCell>
      <StateCell label="Right-to-left">
        <div dir="rtl" lang="ar">
          <UserProfileView status="ready" messages={messages} routing="virtual" pages={['account']}>
            {sections(messages, userWithRtlName())}
          </UserProfileView>
        </div>
      </StateCell>
      <StateCell label="Dark" theme="dark">
        <UserProfileView status="ready" messages={messages} routing="virtual" pages={['account']}>
          {sections(messages, userWithImage())}
        </UserProfileView>
      </StateCell>
    </StateGrid>
  )
}

export const AllStatesStory: Story = { name: 'All states', render: () => <ProfileStates /> }

function SectionStates() {
  const messages = useStoryMessages()
  const user = buildUser()
  return (
    <StateGrid label="Profile and Username sections" minCellWidth={420}>
      <StateCell label="Profile: view">
        <ProfileSectionView user={userWithImage()} messages={messages} onUpdate={ok()} onSetImage={ok()} />
      </StateCell>
      <StateCell label="Profile: read only">
        <ProfileSectionView user={user} messages={messages} />
      </StateCell>
      <StateCell label="Profile: editing">
        <ProfileSectionView user={userWithImage()} messages={messages} onUpdate={ok()} onSetImage={ok()} defaultEditing />
      </StateCell>
      <StateCell label="Profile: server error">
        <div data-testid="profile-error">
          <ProfileSectionView
            user={user}
            messages={messages}
            onUpdate={refuse('form_param_max_length_exceeded', 'first_name')}
            onSetImage={ok()}
            defaultEditing
          />
        </div>
      </StateCell>
      <StateCell label="Profile: editing, dark" theme="dark">
        <ProfileSectionView user={user} messages={messages} onUpdate={ok()} onSetImage={ok()} defaultEditing />
      </StateCell>
      <StateCell label="Username: view">
        <UsernameSectionView user={user} messages={messages} onUpdate={ok()} />
      </StateCell>
      <StateCell label="Username: none yet">
        <UsernameSectionView user={buildUser({ username: null })} messages={messages} onUpdate={ok()} />
      </StateCell>
      <StateCell label="Username: editing">
        <UsernameSectionView user={user} messages={messages} onUpdate={ok()} defaultEditing />
      </StateCell>
      <StateCell label="Username: taken">
        <div data-testid="username-error">
          <UsernameSectionView user={user} messages={messages} onUpdate={refuse('form_identifier_exists', 'username')} defaultEditing />
        </div>
      </StateCell>
      <StateCell label="Username: editing, dark" theme="dark">
        <UsernameSectionView user={user} messages={messages} onUpdate={ok()} defaultEditing />
      </StateCell>
    </StateGrid>
  )
}

/** The sections' states, the server-error ones brought about by the play function. */
export const SectionsAllStates: Story = {
  name: 'All states: sections',
  render: () => <SectionStates />,
  play: async ({ canvasElement, globals }) => {
    const t = catalogFor(globals.locale as string)
    const canvas = within(canvasElement)
    const profile = within(canvas.getByTestId('profile-error'))
    await userEvent.type(profile.getByRole('textbox', { name: t.userProfile.profile.firstName }), 'a')
    await userEvent.click(profile.getByRole('button', { name: t.common.save }))
    await expect(await profile.findByRole('textbox', { name: t.userProfile.profile.firstName })).toHaveAttribute('aria-invalid', 'true')
    const username = within(canvas.getByTestId('username-error'))
    await userEvent.type(username.getByRole('textbox', { name: t.userProfile.username.label }), '2{Enter}')
    await expect(await username.findByText(t.errors.form_identifier_exists)).toBeInTheDocument()
    // Leave no focus ring behind, so the screenshot does not depend on what was clicked last.
    ;(document.activeElement as HTMLElement | null)?.blur()
  },
}
