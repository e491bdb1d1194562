import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { dashboardMessages } from '../../dashboard/src/messages.ts'
import { UsersPageView } from '../../dashboard/src/users/users-page.view.tsx'
import { UsersTableView, type UsersTableViewProps } from '../../dashboard/src/users/users-table.view.tsx'
import { bapiUser, manyUsers } from './fixtures.ts'
import { withDashboard } from './frame.tsx'

type Args = UsersTableViewProps & { total: number | null; offset: number; search: string }

/** The Users page of the dashboard: the table in each state, inside its page with search and pager. */
const meta = {
  title: 'Dashboard/Users table',
  decorators: [withDashboard],
  args: {
    messages: dashboardMessages,
    state: 'ready',
    users: manyUsers(3),
    orderBy: '-created_at',
    total: 3,
    offset: 0,
    search: '',
    hrefFor: (user) => `/dashboard/users/${user.id}`,
    onOpen: fn(),
    onDelete: fn(),
    onOrderByChange: fn(),
    onRetry: fn(),
  },
  render: ({ total, offset, search, ...table }) => (
    <UsersPageView
      messages={table.messages}
      search={search}
      onSearchChange={fn()}
      onCreate={fn()}
      offset={offset}
      limit={10}
      total={total}
      onOffsetChange={fn()}
    >
      <UsersTableView {...table} />
    </UsersPageView>
  ),
} satisfies Meta<Args>

export default meta
type Story = StoryObj<typeof meta>

export const Ready: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getAllByRole('row')).toHaveLength(4)
    await userEvent.click(canvas.getByRole('button', { name: 'Last sign-in' }))
    await expect(args.onOrderByChange).toHaveBeenCalledWith('-last_sign_in_at')
  },
}

export const Empty: Story = {
  args: { users: [], total: 0 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No users yet.')).toBeVisible()
  },
}

export const NoMatch: Story = { args: { users: [], total: 0, query: 'nobody', search: 'nobody' } }

export const Loading: Story = {
  args: { state: 'loading', users: [], total: null },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('table', { name: 'Users' })).toHaveAttribute('aria-busy', 'true')
  },
}

export const ManyPages: Story = {
  args: { users: manyUsers(10), total: 137, offset: 20, orderBy: '+last_sign_in_at' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('21–30 of 137')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Previous page' })).toBeEnabled()
    await expect(canvas.getByRole('button', { name: 'Next page' })).toBeEnabled()
  },
}

export const Error: Story = {
  args: { state: 'error', users: [], total: null, errorText: 'Could not reach the server.' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert')).toHaveTextContent('Could not reach the server.')
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }))
    await expect(args.onRetry).toHaveBeenCalled()
  },
}

export const RowMenuOpen: Story = {
  args: { users: [bapiUser({ first_name: 'Grace', last_name: 'Hopper', banned: true })], total: 1 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    canvas.getByRole('button', { name: 'Actions for Grace Hopper' }).focus()
    await userEvent.keyboard('{Enter}')
    const menu = within(canvasElement.ownerDocument.body)
    await expect(await menu.findByRole('menuitem', { name: 'Open' })).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await expect(args.onDelete).toHaveBeenCalledWith(args.users[0])
  },
}

export const Dark: Story = { args: { users: manyUsers(4), total: 4 }, parameters: { theme: 'dark' } }
