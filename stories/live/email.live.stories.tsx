import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, within } from 'storybook/test'
import { UserProfile } from '../../src/components/user-profile/user-profile.tsx'
import type { Messages } from '../../src/localization/en.ts'
import { format } from '../../src/localization/format.ts'
import { DevOutbox } from './dev-outbox.tsx'
import { LiveApp } from './live-app.tsx'
import { type LiveServer, startLiveServer } from './live-server.ts'
import { liveMessages } from './live-messages.ts'
import { catalogFor } from '../story-globals.tsx'

type Loaded = { live: LiveServer }

/** The first story of a page also waits for a cold dev server. */
const SLOW = { timeout: 30_000 }

const NEW_EMAIL = 'countess@lovelace.example'

/**
 * Email addresses on the real server in the page: add one, read the code the server "sent" in the
 * dev outbox panel, verify it, make it primary. The codes are the server's own (hashed at rest,
 * expiring, attempt-limited); nothing here imitates the API.
 */
const meta = {
  title: 'Live/Email addresses',
  tags: ['!autodocs', 'live'],
  parameters: { layout: 'fullscreen' },
  loaders: [async () => ({ live: await startLiveServer({ signedIn: true }) })],
  render: (_args, { loaded }) => {
    const { live } = loaded as Loaded
    return (
      <LiveApp live={live} aside={<DevOutbox fetch={live.fetch} />}>
        <UserProfile routing="virtual">
          <UserProfile.EmailAddresses />
        </UserProfile>
      </LiveApp>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** The new address's verification status, asked of the server in a request of its own. */
async function storedStatus(live: LiveServer): Promise<string | undefined> {
  const { response: me } = await live.client.getMe()
  return me.emailAddresses.find((e) => e.emailAddress === NEW_EMAIL)?.verification?.status
}

async function addAndVerify(m: Messages, canvasElement: HTMLElement, live: LiveServer) {
  const t = m.userProfile.emailAddresses
  const canvas = within(canvasElement)
  await userEvent.click(await canvas.findByRole('button', { name: t.add }, SLOW))
  await userEvent.type(canvas.getByRole('textbox', { name: t.label }), NEW_EMAIL)
  await userEvent.click(canvas.getByRole('button', { name: m.userProfile.identifiers.continue }))
  await expect(await canvas.findByText(format(t.codeSent, { identifier: NEW_EMAIL }))).toBeVisible()
  // The code as the server sent it, read from the outbox panel like a person would.
  const outbox = within(canvas.getByRole('complementary', { name: liveMessages.outbox.title }))
  const code = (await outbox.findByTestId('outbox-code', {}, SLOW)).textContent ?? ''
  await expect(code).toMatch(/^\d{6}$/)
  await userEvent.type(canvas.getByRole('textbox', { name: m.verification.code }), code)
  await expect(await canvas.findByText(format(t.verified, { identifier: NEW_EMAIL }))).toBeVisible()
  await expect(await storedStatus(live)).toBe('verified')
  return canvas
}

/** Add an address, read the code in the dev outbox, verify it, make it primary. */
export const AddVerifyMakePrimary: Story = {
  play: async ({ canvasElement, loaded, step, globals }) => {
    const { live } = loaded as Loaded
    const m = catalogFor(globals.locale as string)
    const t = m.userProfile.emailAddresses
    let canvas = within(canvasElement)
    await step('Add the address and verify it with the code from the outbox', async () => {
      canvas = await addAndVerify(m, canvasElement, live)
    })
    await step('Make it primary', async () => {
      await userEvent.click(canvas.getByRole('button', { name: format(t.menu, { identifier: NEW_EMAIL }) }))
      await userEvent.click(await canvas.findByRole('menuitem', { name: m.userProfile.identifiers.setPrimary }))
      await expect(await canvas.findByText(format(t.primarySet, { identifier: NEW_EMAIL }))).toBeVisible()
      const { response: me } = await live.client.getMe()
      await expect(me.primaryEmailAddress?.emailAddress).toBe(NEW_EMAIL)
    })
  },
}

/** A wrong code: the server refuses it at the code field, and the address stays unverified. */
export const WrongCode: Story = {
  play: async ({ canvasElement, loaded, globals }) => {
    const { live } = loaded as Loaded
    const m = catalogFor(globals.locale as string)
    const t = m.userProfile.emailAddresses
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: t.add }, SLOW))
    await userEvent.type(canvas.getByRole('textbox', { name: t.label }), NEW_EMAIL)
    await userEvent.click(canvas.getByRole('button', { name: m.userProfile.identifiers.continue }))
    const outbox = within(canvas.getByRole('complementary', { name: liveMessages.outbox.title }))
    const code = (await outbox.findByTestId('outbox-code', {}, SLOW)).textContent ?? ''
    // Any six digits but the right ones.
    const wrong = code === '000000' ? '111111' : '000000'
    await userEvent.type(await canvas.findByRole('textbox', { name: m.verification.code }), wrong)
    await expect(await canvas.findByText(m.errors.form_code_incorrect)).toBeVisible()
    await expect(await storedStatus(live)).toBe('unverified')
  },
}
