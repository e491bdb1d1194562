import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { ConnectedAccountsSectionView } from '../src/components/user-profile/connected-accounts-section.view.tsx'
import { EmailAddressesSectionView } from '../src/components/user-profile/email-addresses-section.view.tsx'
import { PhoneNumbersSectionView } from '../src/components/user-profile/phone-numbers-section.view.tsx'
import * as connected from './connected-accounts.stories.tsx'
import * as emails from './email-addresses.stories.tsx'
import * as phones from './phone-numbers.stories.tsx'
import { StateGrid, StoryCells } from './state-grid.tsx'
import { useStoryMessages } from './story-globals.tsx'

/**
 * Every state of the identifier and connected-account sections side by side, from the args of
 * their own story files; compared with committed screenshots in `npm test`. States that a play
 * function brings about (wrong code, refusals) are in those files.
 */
const meta = {
  title: 'All states/UserProfile sections',
  component: EmailAddressesSectionView,
  tags: ['!autodocs', 'all-states'],
  // Repeating a component side by side repeats its landmarks (forms, navs, sections named alike),
  // which axe's landmark-unique rule rightly flags on a real page; each state is also a story of its
  // own, checked with every rule. (A literal: Storybook's CSF indexer reads meta statically.)
  parameters: { a11y: { options: { rules: { 'landmark-unique': { enabled: false } } } } },
  // The grids render their own views; these args only satisfy the component's required props.
  args: { ...emails.default.args, messages: undefined as never },
} satisfies Meta<typeof EmailAddressesSectionView>

export default meta
type Story = StoryObj<typeof meta>

function EmailStates() {
  const messages = useStoryMessages()
  return (
    <StateGrid label="Email addresses" minCellWidth={480}>
      <StoryCells
        component={EmailAddressesSectionView}
        meta={emails.default}
        override={{ messages }}
        stories={[
          ['Primary, verified and unverified', emails.Primary],
          ['Many addresses', emails.ManyEmails],
          ['None yet', emails.Empty],
          ['Adding', emails.Adding],
          ['Code sent', emails.CodeSent],
          ['Link sent', emails.LinkSent],
          ['Code sent, dark', emails.Dark],
        ]}
      />
    </StateGrid>
  )
}

export const EmailAddresses: Story = { name: 'All states: email addresses', render: () => <EmailStates /> }

function PhoneStates() {
  const messages = useStoryMessages()
  return (
    <StateGrid label="Phone numbers" minCellWidth={480}>
      <StoryCells
        component={PhoneNumbersSectionView}
        meta={phones.default}
        override={{ messages }}
        stories={[
          ['Primary, verified and unverified', phones.Primary],
          ['Many numbers', phones.ManyNumbers],
          ['None yet', phones.Empty],
          ['Adding', phones.Adding],
          ['Code sent', phones.CodeSent],
          ['Adding, dark', phones.Dark],
        ]}
      />
    </StateGrid>
  )
}

export const PhoneNumbers: Story = {
  name: 'All states: phone numbers',
  render: () => <PhoneStates />,
  // The numbers are formatted once the phone library has loaded (lazily); wait for it.
  play: async ({ canvasElement }) => {
    await expect((await within(canvasElement).findAllByText('+1 415 555 0100', {}, { timeout: 15_000 }))[0]).toBeVisible()
  },
}

function ConnectedStates() {
  const messages = useStoryMessages()
  return (
    <StateGrid label="Connected accounts" minCellWidth={480}>
      <StoryCells
        component={ConnectedAccountsSectionView}
        meta={connected.default}
        override={{ messages }}
        stories={[
          ['None connected', connected.NoneConnected],
          ['Several providers', connected.Several],
          ['Reconnect required', connected.RequiresReconnect],
          ['Long values', connected.LongValues],
          ['Read only', connected.ReadOnly],
          ['Dark', connected.Dark],
        ]}
      />
    </StateGrid>
  )
}

export const ConnectedAccounts: Story = { name: 'All states: connected accounts', render: () => <ConnectedStates /> }
