import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { UserProfile } from '../../src/components/user-profile/user-profile.tsx'
import { CLIENT_STALE_TIME } from '../../src/hooks/keys.ts'
import type { Messages } from '../../src/localization/en.ts'
import { catalogFor } from '../story-globals.tsx'
import { LiveApp } from './live-app.tsx'
import { type LiveServer, type LiveServerOptions, startLiveServer } from './live-server.ts'

/** A loader that starts the in-page server with a freshly seeded user. */
const liveServer = (options: LiveServerOptions = {}) => async () => ({ live: await startLiveServer(options) })

type Loaded = { live: LiveServer }

/** The first story of a page also waits for the lazily loaded profile and a cold dev server. */
const SLOW = { timeout: 30_000 }

/**
 * The kit on the real Frontend API, running in this page: `createUserkitServer` on PGlite, reached
 * through the in-process fetch. Every click goes through the same routes, rules and storage as in
 * production; the play functions drive each flow and check what the server stored.
 */
const meta = {
  title: 'Live/Account',
  // Each live story starts its own database: keep them out of the autodocs page.
  tags: ['!autodocs', 'live'],
  parameters: { layout: 'fullscreen' },
  render: (_args, { loaded }) => <LiveApp live={(loaded as Loaded).live} />,
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const signIn = async (t: Messages, canvasElement: HTMLElement, live: LiveServer, password = live.password) => {
  const canvas = within(canvasElement)
  await userEvent.type(await canvas.findByRole('textbox', { name: t.signIn.identifier }, SLOW), live.email)
  await userEvent.type(canvas.getByLabelText(t.signIn.password), password)
  await userEvent.click(canvas.getByRole('button', { name: t.signIn.submit }))
  return canvas
}

/** Sign in → open the menu → Manage account → edit the name; the server has the new name. */
export const SignInAndEditName: Story = {
  loaders: [liveServer()],
  play: async ({ canvasElement, loaded, step, globals }) => {
    const { live } = loaded as Loaded
    const t = catalogFor(globals.locale as string)
    const canvas = within(canvasElement)
    await step('Sign in', async () => {
      await signIn(t, canvasElement, live)
    })
    await step('Open the menu, then Manage account', async () => {
      await userEvent.click(await canvas.findByRole('button', { name: new RegExp(t.userButton.openMenu) }, SLOW))
      await userEvent.click(await canvas.findByRole('menuitem', { name: t.userButton.manageAccount }))
    })
    const dialog = within(await canvas.findByRole('dialog', { name: t.userButton.manageAccount }))
    await step('Edit the first name', async () => {
      await userEvent.click(await dialog.findByRole('button', { name: t.userProfile.profile.edit }, SLOW))
      const first = dialog.getByRole('textbox', { name: t.userProfile.profile.firstName })
      await userEvent.clear(first)
      await userEvent.type(first, 'Augusta')
      await userEvent.click(dialog.getByRole('button', { name: t.common.save }))
      await expect(await dialog.findByText('Augusta Lovelace')).toBeVisible()
    })
    await step('The server stored it', async () => {
      const stored = await live.server.store.users.get(live.user.id)
      await expect(stored?.firstName).toBe('Augusta')
    })
  },
}

/** The profile as a page of the app: set a new username; the server refuses a taken one first. */
export const ProfilePageUsername: Story = {
  loaders: [liveServer({ signedIn: true })],
  render: (_args, { loaded }) => (
    <LiveApp live={(loaded as Loaded).live}>
      <UserProfile routing="virtual" />
    </LiveApp>
  ),
  play: async ({ canvasElement, loaded, globals }) => {
    const { live } = loaded as Loaded
    const t = catalogFor(globals.locale as string)
    await live.server.createUser({ email: 'charles@example.com', username: 'babbage', password: 'difference engine' })
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: t.userProfile.username.edit }, SLOW))
    const input = canvas.getByRole('textbox', { name: t.userProfile.username.label })
    await userEvent.clear(input)
    await userEvent.type(input, 'Babbage{Enter}')
    await expect(await canvas.findByText(t.errors.form_identifier_exists)).toBeVisible()
    await userEvent.clear(input)
    await userEvent.type(input, 'countess{Enter}')
    await expect(await canvas.findByText('countess')).toBeVisible()
    await waitFor(async () => expect((await live.server.store.users.get(live.user.id))?.username).toBe('countess'))
  },
}

/** A wrong password: the server's 422 shows at the password field, and nobody is signed in. */
export const WrongPassword: Story = {
  loaders: [liveServer()],
  play: async ({ canvasElement, loaded, globals }) => {
    const { live } = loaded as Loaded
    const t = catalogFor(globals.locale as string)
    const canvas = await signIn(t, canvasElement, live, 'not the password')
    await expect(await canvas.findByText(t.errors.form_password_incorrect)).toBeVisible()
    await expect(await live.client.getClient().then((c) => c?.sessions.length ?? 0)).toBe(0)
  },
}

/** The server's per-identifier limit (lowered to one failure here) answers 429 with Retry-After. */
export const RateLimited: Story = {
  loaders: [liveServer({ rateLimits: { signInPerIdentifier: { max: 1, windowMs: 60_000 } } })],
  play: async ({ canvasElement, loaded, globals }) => {
    const { live } = loaded as Loaded
    const t = catalogFor(globals.locale as string)
    const canvas = await signIn(t, canvasElement, live, 'not the password')
    await canvas.findByText(t.errors.form_password_incorrect)
    await userEvent.click(canvas.getByRole('button', { name: t.signIn.submit }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent(t.errors.too_many_requests.split('{')[0] as string)
  },
}

/** Signed in already: the header's menu, then Sign out, back to <SignIn />. */
export const SignOut: Story = {
  loaders: [liveServer({ signedIn: true })],
  play: async ({ canvasElement, loaded, globals }) => {
    const { live } = loaded as Loaded
    const t = catalogFor(globals.locale as string)
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: new RegExp(t.userButton.openMenu) }, SLOW))
    await userEvent.click(await canvas.findByRole('menuitem', { name: t.userButton.signOut }))
    await expect(await canvas.findByRole('button', { name: t.signIn.submit })).toBeVisible()
    await expect(await live.client.getClient().then((c) => c?.sessions.length ?? 0)).toBe(0)
  },
}

/**
 * Revoked elsewhere (as the Backend API or the dashboard would): when the window regains focus the
 * kit refreshes the client, the server answers without a session, and the app shows <SignIn /> again.
 */
export const RevokedElsewhere: Story = {
  loaders: [liveServer({ signedIn: true })],
  play: async ({ canvasElement, loaded, globals }) => {
    const { live } = loaded as Loaded
    const t = catalogFor(globals.locale as string)
    const canvas = within(canvasElement)
    await canvas.findByRole('button', { name: new RegExp(t.userButton.openMenu) }, SLOW)
    const session = (await live.client.getClient())?.sessions[0]
    await expect(session).toBeDefined()
    await live.server.store.sessions.end(session?.id ?? '', 'revoked')
    // Back to the tab a while later (the kit keeps the client fresh for CLIENT_STALE_TIME): the
    // browser sends visibilitychange, on which the kit refetches the client.
    await new Promise((resolve) => setTimeout(resolve, CLIENT_STALE_TIME + 100))
    window.dispatchEvent(new Event('visibilitychange'))
    await expect(await canvas.findByRole('button', { name: t.signIn.submit }, SLOW)).toBeVisible()
    await expect(canvas.queryByRole('button', { name: new RegExp(t.userButton.openMenu) })).toBeNull()
  },
}
