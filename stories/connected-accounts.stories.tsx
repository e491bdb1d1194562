import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { UserkitApiError } from '../src/api/errors.ts'
import { ConnectedAccountsSectionView } from '../src/components/user-profile/connected-accounts-section.view.tsx'
import { en } from '../src/localization/en.ts'
import { buildExternalAccount, fixtureProviders, severalAccounts } from '../test/fixtures/external-accounts.ts'
import { buildUser } from '../test/fixtures/user.ts'
import { withSurface } from './surface.tsx'

/** Never settles: the page would be leaving for the provider. */
const leaving = () => fn(() => new Promise<never>(() => {}))

const meta = {
  title: 'Components/UserProfile/ConnectedAccounts',
  component: ConnectedAccountsSectionView,
  args: {
    user: buildUser({ externalAccounts: [buildExternalAccount()] }),
    messages: en,
    providers: fixtureProviders,
    onConnect: fn(async () => {}),
    onReauthorize: fn(async () => {}),
    onRemove: fn(async () => {}),
    onDismissCallbackError: fn(),
  },
  decorators: [
    withSurface,
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ConnectedAccountsSectionView>

export default meta
type Story = StoryObj<typeof meta>

/** Nothing connected yet: the empty text and "Connect account". */
export const NoneConnected: Story = {
  args: { user: buildUser() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText(en.userProfile.connectedAccounts.empty)).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: en.userProfile.connectedAccounts.connect })).toBeEnabled()
  },
}

/** GitHub (a username, no email), Google and Dev OIDC, each with its scopes. */
export const Several: Story = { args: { user: buildUser({ externalAccounts: severalAccounts() }) } }

/** The provider menu, open. */
export const ChoosingProvider: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: en.userProfile.connectedAccounts.connect }))
    const menu = within(canvasElement.ownerDocument.body)
    await expect(await menu.findByRole('menuitem', { name: 'GitHub' })).toBeInTheDocument()
    await expect(menu.getByRole('menuitem', { name: 'Dev OIDC' })).toBeInTheDocument()
  },
}

/** The app asks for `phone`, which the account has not granted: "Reconnect required". */
export const RequiresReconnect: Story = {
  args: { additionalOAuthScopes: { dev_oidc: ['phone'] } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText(en.userProfile.connectedAccounts.reconnectRequired)).toBeInTheDocument()
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect Dev OIDC account ada@example.com' }))
    await expect(args.onReauthorize).toHaveBeenCalledWith('eac_ada1', ['phone'])
  },
}

/** The provider rejected the stored tokens (`verification.error`): reconnect as well. */
export const TokenError: Story = {
  args: {
    user: buildUser({
      externalAccounts: [
        buildExternalAccount({
          verification: {
            status: 'failed',
            strategy: 'oauth_dev_oidc',
            attempts: null,
            expireAt: null,
            externalVerificationRedirectUrl: null,
            error: { code: 'external_account_token_invalid', message: 'Reconnect required', longMessage: 'Reconnect the account.', meta: {} },
          },
        }),
      ],
    }),
  },
}

/** After choosing a provider, until the browser leaves for it. */
export const Connecting: Story = {
  args: { user: buildUser(), onConnect: leaving() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: en.userProfile.connectedAccounts.connect }))
    await userEvent.click(await within(canvasElement.ownerDocument.body).findByRole('menuitem', { name: 'Dev OIDC' }))
    await expect(args.onConnect).toHaveBeenCalledWith('oauth_dev_oidc')
    await expect(await canvas.findByRole('button', { name: 'Connecting to Dev OIDC…' })).toHaveAttribute('aria-disabled', 'true')
  },
}

/** Back from the provider: its account belongs to another user, nothing was connected. */
export const ErrorAccountExists: Story = {
  args: { user: buildUser(), callbackError: 'external_account_exists' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(en.errors.external_account_exists)
  },
}

/** Back from the provider after declining consent. */
export const ConsentRefused: Story = {
  args: { user: buildUser(), callbackError: 'oauth_access_denied' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(en.errors.oauth_access_denied)
  },
}

/** The remove confirmation, open. */
export const ConfirmRemove: Story = { args: { defaultRemoveId: 'eac_ada1' } }

/** Removing: the confirmation waits for the server. */
export const Removing: Story = {
  args: { onRemove: leaving() },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Remove Dev OIDC account ada@example.com' }))
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('alertdialog')
    await userEvent.click(within(dialog).getByRole('button', { name: en.userProfile.connectedAccounts.remove }))
    await expect(await within(dialog).findByRole('button', { name: en.userProfile.connectedAccounts.removing })).toHaveAttribute('aria-disabled', 'true')
  },
}

/** The server refuses: the account brought the only verified email. */
export const RemoveRefused: Story = {
  args: {
    defaultRemoveId: 'eac_ada1',
    onRemove: fn(async () => {
      throw new UserkitApiError(422, [
        { code: 'form_identification_needed', message: 'needed', longMessage: 'needed', meta: {} },
      ])
    }),
  },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('alertdialog')
    await userEvent.click(within(dialog).getByRole('button', { name: en.userProfile.connectedAccounts.remove }))
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent(en.errors.form_identification_needed)
  },
}

/** A long email and many scopes wrap instead of overflowing. */
export const LongValues: Story = {
  args: {
    user: buildUser({
      externalAccounts: [
        buildExternalAccount({
          emailAddress: 'maximiliana.wolfeschlegelsteinhausenbergerdorff@an-extremely-long-domain-name.example.com',
          approvedScopes: ['openid', 'email', 'profile', 'phone', 'https://www.googleapis.com/auth/calendar.readonly'],
        }),
      ],
    }),
  },
}

/** Without callbacks: the accounts, read-only. */
export const ReadOnly: Story = { args: { onConnect: undefined, onReauthorize: undefined, onRemove: undefined } }

export const Dark: Story = { args: { user: buildUser({ externalAccounts: severalAccounts() }), additionalOAuthScopes: { github: ['repo'] } }, parameters: { theme: 'dark' } }
