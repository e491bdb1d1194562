import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { dashboardMessages } from '../../dashboard/src/messages.ts'
import { UserPageView, type UserPageViewProps } from '../../dashboard/src/user/user-page.view.tsx'
import { bapiSession, bapiUser, richUser } from './fixtures.ts'
import { withDashboard } from './frame.tsx'

const user = richUser()
const metadata = () => ({ state: 'idle' as const, onSave: fn() })

/** One user for the operator: profile, identifiers, accounts, metadata editors, sessions, ban and delete. */
const meta = {
  title: 'Dashboard/User page',
  component: UserPageView,
  decorators: [withDashboard],
  args: {
    messages: dashboardMessages,
    state: 'ready',
    user,
    backHref: '/dashboard/',
    onBack: fn(),
    publicMetadata: metadata(),
    privateMetadata: metadata(),
    sessions: { state: 'ready', sessions: [bapiSession(user.id, 1), bapiSession(user.id, 2)], onRevoke: fn() },
    onToggleBan: fn(),
    onDelete: fn(),
  },
} satisfies Meta<UserPageViewProps>

export default meta
type Story = StoryObj<typeof meta>

export const Ready: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeVisible()
    await expect(within(canvas.getByRole('region', { name: 'Email addresses' })).getByText('Unverified')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: `Revoke session ${args.sessions.sessions[0]?.id}` }))
    await expect(args.sessions.onRevoke).toHaveBeenCalledWith(args.sessions.sessions[0])
  },
}

export const InvalidMetadata: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const editor = canvas.getByRole('textbox', { name: 'Public metadata' })
    await userEvent.clear(editor)
    await userEvent.type(editor, '[[1, 2]')
    await userEvent.click(canvas.getByRole('button', { name: 'Save public metadata' }))
    await expect(canvas.getByRole('alert')).toHaveTextContent('Metadata must be a JSON object')
    await expect(args.publicMetadata?.onSave).not.toHaveBeenCalled()
  },
}

export const MetadataSaving: Story = { args: { publicMetadata: { state: 'pending', onSave: fn() } } }

export const MetadataSaveFailed: Story = {
  args: { publicMetadata: { state: 'error', error: 'public_metadata is too large.', onSave: fn() } },
}

export const Banned: Story = { args: { user: richUser({ banned: true }), sessions: { state: 'ready', sessions: [] } } }

export const Minimal: Story = {
  args: {
    user: bapiUser({ first_name: null, last_name: null, username: null, last_sign_in_at: null, last_active_at: null }),
    sessions: { state: 'ready', sessions: [] },
  },
}

export const SessionsLoading: Story = { args: { sessions: { state: 'loading', sessions: [] } } }

export const Loading: Story = { args: { state: 'loading', user: undefined } }

export const NotFound: Story = { args: { state: 'not_found', user: undefined } }

export const Dark: Story = { parameters: { theme: 'dark' } }
