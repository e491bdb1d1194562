import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { UserButtonView } from '../src/components/user-button/user-button.view.tsx'
import { StateCell, StateGrid } from './state-grid.tsx'
import { useStoryMessages } from './story-globals.tsx'
import { buildUser, userWithImage, userWithLongName, userWithRtlName, userWithUsernameOnly } from '../test/fixtures/user.ts'

/** Every state of <UserButton /> side by side; compared with a committed screenshot in `npm test`. */
const meta = {
  title: 'All states/UserButton',
  component: UserButtonView,
  tags: ['!autodocs', 'all-states'],
  // Repeating a component side by side repeats its landmarks (forms, navs, sections named alike),
  // which axe's landmark-unique rule rightly flags on a real page; each state is also a story of its
  // own, checked with every rule. (A literal: Storybook's CSF indexer reads meta statically.)
  parameters: { a11y: { options: { rules: { 'landmark-unique': { enabled: false } } } } },
} satisfies Meta<typeof UserButtonView>

export default meta
type Story = StoryObj<typeof meta>

function AllStates() {
  const messages = useStoryMessages()
  const base = { status: 'ready' as const, messages, onManageAccount: fn(), onSignOut: fn() }
  return (
    <StateGrid label="UserButton">
      <StateCell label="Loading">
        <UserButtonView {...base} status="loading" user={null} />
      </StateCell>
      <StateCell label="Loading, with name">
        <UserButtonView {...base} status="loading" user={null} showName />
      </StateCell>
      <StateCell label="Initials (no avatar)">
        <UserButtonView {...base} user={buildUser()} />
      </StateCell>
      <StateCell label="Image">
        <UserButtonView {...base} user={userWithImage()} />
      </StateCell>
      <StateCell label="With name">
        <UserButtonView {...base} user={userWithImage()} showName />
      </StateCell>
      <StateCell label="Long name">
        <UserButtonView {...base} user={userWithLongName()} showName />
      </StateCell>
      <StateCell label="Right-to-left name">
        <div dir="rtl" lang="ar">
          <UserButtonView {...base} user={userWithRtlName()} showName />
        </div>
      </StateCell>
      <StateCell label="Username only">
        <UserButtonView {...base} user={userWithUsernameOnly()} showName />
      </StateCell>
      <StateCell label="Dark" theme="dark">
        <UserButtonView {...base} user={userWithImage()} showName />
      </StateCell>
      <StateCell label="Dark, loading" theme="dark">
        <UserButtonView {...base} status="loading" user={null} showName />
      </StateCell>
      <StateCell label="Menu open" wide minHeight={240}>
        {/* At the end of the row, as in a header, so the menu opens inside the cell. */}
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <UserButtonView {...base} user={buildUser()} showName defaultOpen />
        </div>
      </StateCell>
    </StateGrid>
  )
}

export const AllStatesStory: Story = {
  name: 'All states',
  // The grid renders its own views; these args only satisfy the component's required props.
  args: { user: null, status: 'ready', messages: undefined as never },
  render: () => <AllStates />,
}
