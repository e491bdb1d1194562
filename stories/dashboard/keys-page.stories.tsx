import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { formatDate } from '../../dashboard/src/display.ts'
import { KeysPageView, type KeysPageViewProps } from '../../dashboard/src/keys/keys-page.view.tsx'
import { dashboardMessages } from '../../dashboard/src/messages.ts'
import type { SigningKeysJSON } from '../../src/wire/index.ts'
import { withDashboard } from './frame.tsx'

const T0 = Date.UTC(2026, 0, 15, 9, 30)
const PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u
+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyeh
kd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ
0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdg
cKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbc
mwIDAQAB
-----END PUBLIC KEY-----`

const keys: SigningKeysJSON = {
  object: 'signing_keys',
  publishable_key: 'pk_live_dXNlcnMuZXhhbXBsZS5jb20k',
  api_url: 'https://users.example.com',
  current: { kid: 'ins_2vKq8dZr0aXbT4mNc7yPqL1sEw', public_key_pem: PEM },
  keys: [{ kid: 'ins_2vKq8dZr0aXbT4mNc7yPqL1sEw', created_at: T0, retire_at: null }],
}

/** The session-token keys for the operator: what the app's backend is configured with, and rotation. */
const meta = {
  title: 'Dashboard/Session keys',
  component: KeysPageView,
  decorators: [withDashboard],
  args: { messages: dashboardMessages, state: 'ready', keys, onRotate: fn(), formatDate },
} satisfies Meta<KeysPageViewProps>

export default meta
type Story = StoryObj<typeof meta>

export const Ready: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText(keys.publishable_key)).toBeVisible()
    await expect(canvas.getByRole('region', { name: /as PEM/ })).toHaveTextContent('BEGIN PUBLIC KEY')
    await userEvent.click(canvas.getByRole('button', { name: 'Rotate signing key' }))
    const body = within(canvasElement.ownerDocument.body)
    const dialog = await body.findByRole('alertdialog', { name: 'Rotate the signing key?' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }))
    await expect(args.onRotate).toHaveBeenCalledOnce()
  },
}

/** Just rotated: the old key is still listed until it leaves the JWKS. */
export const Rotated: Story = {
  args: {
    rotation: 'done',
    keys: {
      ...keys,
      current: { kid: 'ins_3aBcDeFgHiJkLmNoPqRsTuVwXy', public_key_pem: PEM },
      keys: [
        { kid: 'ins_3aBcDeFgHiJkLmNoPqRsTuVwXy', created_at: T0 + 60_000, retire_at: null },
        { kid: keys.current.kid, created_at: T0, retire_at: T0 + 61 * 60_000 },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('The new key signs from now on.')).toBeVisible()
    await expect(canvas.getByText(/Leaves the JWKS/)).toBeVisible()
  },
}

export const Loading: Story = {
  args: { state: 'loading', keys: undefined },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Loading…')).toBeVisible()
  },
}

export const LoadError: Story = {
  args: { state: 'error', keys: undefined, error: 'The keys could not be loaded.' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('The keys could not be loaded.')
    await expect(within(canvasElement).queryByRole('button', { name: 'Rotate signing key' })).toBeNull()
  },
}
