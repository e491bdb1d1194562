import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { UserProfile } from '../../src/components/user-profile/user-profile.tsx'
import { format } from '../../src/localization/format.ts'
import { catalogFor } from '../story-globals.tsx'
import { DevOutbox } from './dev-outbox.tsx'
import { LiveApp } from './live-app.tsx'
import { liveMessages } from './live-messages.ts'
import { type LiveServer, startLiveServer } from './live-server.ts'

type Loaded = { live: LiveServer }

/** The first story of a page also waits for a cold dev server and the lazily loaded phone library. */
const SLOW = { timeout: 30_000 }

/**
 * Phone numbers on the real server in the page: type a US number, read the text message the
 * server "sent" in the dev outbox panel, verify it; the server stored the number in E.164.
 */
const meta = {
  title: 'Live/Phone numbers',
  tags: ['!autodocs', 'live'],
  parameters: { layout: 'fullscreen' },
  loaders: [async () => ({ live: await startLiveServer({ signedIn: true }) })],
  render: (_args, { loaded }) => {
    const { live } = loaded as Loaded
    return (
      <LiveApp live={live} aside={<DevOutbox fetch={live.fetch} />}>
        <UserProfile routing="virtual">
          <UserProfile.PhoneNumbers />
        </UserProfile>
      </LiveApp>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Add a number, read the code in the dev outbox, verify it. */
export const AddAndVerify: Story = {
  play: async ({ canvasElement, loaded, globals }) => {
    const { live } = loaded as Loaded
    const m = catalogFor(globals.locale as string)
    const t = m.userProfile.phoneNumbers
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: t.add }, SLOW))
    // The country list fills once the phone library has loaded.
    await waitFor(() => expect(within(canvas.getByRole('combobox', { name: t.country })).getAllByRole('option').length).toBeGreaterThan(200), SLOW)
    await userEvent.type(canvas.getByRole('textbox', { name: t.label }), '4155550123')
    await userEvent.click(canvas.getByRole('button', { name: m.userProfile.identifiers.continue }))
    const outbox = within(canvas.getByRole('complementary', { name: liveMessages.outbox.title }))
    await expect(await outbox.findByText(format(liveMessages.outbox.to, { to: '+14155550123' }), {}, SLOW)).toBeVisible()
    const code = (await outbox.findByTestId('outbox-code')).textContent ?? ''
    await userEvent.type(await canvas.findByRole('textbox', { name: m.verification.code }), code)
    await expect(await canvas.findByText(/\+1 415 555 0123/, { selector: '[role=status]' }, SLOW)).toBeVisible()
    const { response: me } = await live.client.getMe()
    await expect(me.phoneNumbers.map((p) => [p.phoneNumber, p.verification?.status])).toEqual([['+14155550123', 'verified']])
  },
}
