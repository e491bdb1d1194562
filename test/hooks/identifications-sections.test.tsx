import '@testing-library/jest-dom/vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UserProfile } from '../../src/components/user-profile/user-profile.tsx'
import { createInProcessFetch } from '../../server/in-process.ts'
import { setupTestServers, type TestServer } from '../helpers/server.ts'
import { createKit } from './harness.tsx'

// The connected sections against the real server in process: the wiring from click to database.
const createServer = setupTestServers({ now: () => Date.now(), defaultPhoneCountry: 'GB' })
let t: TestServer
beforeEach(async () => {
  t = await createServer()
})
afterEach(() => cleanup())

async function signedInKit() {
  const kit = createKit(t.server.app.fetch)
  const { email, password } = await t.createUser()
  await kit.api.signIn({ identifier: email, password })
  return { kit, email }
}

async function outboxCode(to: string): Promise<string> {
  const fetchOutbox = createInProcessFetch(t.server.app.fetch, { baseUrl: 'http://localhost:4000' })
  const list = (await (await fetchOutbox(`http://localhost:4000/dev/outbox.json?to=${encodeURIComponent(to)}`)).json()) as { code: string }[]
  if (!list[0]) throw new Error(`no message to ${to}`)
  return list[0].code
}

describe('UserProfile.EmailAddresses, connected', () => {
  it('adds an address, verifies it with the emailed code, and the server has it verified', async () => {
    const user = userEvent.setup()
    const { kit } = await signedInKit()
    render(<UserProfile.EmailAddresses />, { wrapper: kit.wrapper })
    const section = await screen.findByRole('region', { name: 'Email addresses' })
    await user.click(within(section).getByRole('button', { name: 'Add email address' }))
    await user.type(within(section).getByRole('textbox', { name: 'Email address' }), 'wired@example.com{Enter}')
    const code = await within(section).findByRole('textbox', { name: 'Verification code' }, { timeout: 5000 })
    await user.type(code, await outboxCode('wired@example.com'))
    await waitFor(() => expect(within(section).getByRole('status')).toHaveTextContent('wired@example.com is verified.'), { timeout: 5000 })
    const me = await kit.api.getMe()
    expect(me.response.emailAddresses.find((e) => e.emailAddress === 'wired@example.com')?.verification?.status).toBe('verified')
  })

  it('shows a taken address at the field', async () => {
    const user = userEvent.setup()
    const other = await t.createUser()
    const { kit } = await signedInKit()
    render(<UserProfile.EmailAddresses />, { wrapper: kit.wrapper })
    const section = await screen.findByRole('region', { name: 'Email addresses' })
    await user.click(within(section).getByRole('button', { name: 'Add email address' }))
    const input = within(section).getByRole('textbox', { name: 'Email address' })
    await user.type(input, `${other.email.toUpperCase()}{Enter}`)
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'), { timeout: 5000 })
    expect(input).toHaveValue(other.email.toUpperCase())
  })
})

describe('UserProfile.PhoneNumbers, connected', () => {
  it("starts on the server's default country and adds a national number as E.164", async () => {
    const user = userEvent.setup()
    const { kit } = await signedInKit()
    render(<UserProfile.PhoneNumbers />, { wrapper: kit.wrapper })
    const section = await screen.findByRole('region', { name: 'Phone numbers' })
    await user.click(within(section).getByRole('button', { name: 'Add phone number' }))
    expect(within(section).getByRole('combobox', { name: 'Country' })).toHaveValue('GB')
    await user.type(within(section).getByRole('textbox', { name: 'Phone number' }), '07911 123456{Enter}')
    await within(section).findByRole('textbox', { name: 'Verification code' }, { timeout: 5000 })
    const me = await kit.api.getMe()
    expect(me.response.phoneNumbers.map((p) => p.phoneNumber)).toEqual(['+447911123456'])
  })
})
