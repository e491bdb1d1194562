import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { formatDate } from '../../dashboard/src/display.ts'
import { dashboardMessages } from '../../dashboard/src/messages.ts'
import { EMPTY_ENDPOINT_DRAFT, WebhooksPageView, type WebhooksPageViewProps } from '../../dashboard/src/webhooks/webhooks-page.view.tsx'
import type { WebhookDeliveryJSON, WebhookEndpointJSON } from '../../src/wire/index.ts'
import { withDashboard } from './frame.tsx'

const T0 = Date.UTC(2026, 0, 15, 9, 30)
const HOUR = 3_600_000

const endpoint = (over: Partial<WebhookEndpointJSON>): WebhookEndpointJSON => ({
  object: 'webhook_endpoint',
  id: 'ep_2vKq8dZr0aXbT4mNc7yPqL1sEw',
  url: 'https://api.example.com/webhooks/userkit',
  description: 'CRM sync',
  event_types: [],
  status: 'enabled',
  disabled_reason: null,
  source: 'api',
  failing_since: null,
  created_at: T0,
  updated_at: T0,
  ...over,
})

const enabled = endpoint({})
const failingNow = endpoint({ id: 'ep_failing', url: 'https://billing.example.com/hooks', description: 'Seats', event_types: ['user.created', 'user.deleted'], failing_since: T0 + 2 * HOUR })
const disabledManual = endpoint({ id: 'ep_manual', url: 'https://old.example.com/hooks', description: '', status: 'disabled', disabled_reason: 'manual' })
const disabledFailing = endpoint({ id: 'ep_dead', url: 'https://gone.example.com/hooks', description: 'Legacy', status: 'disabled', disabled_reason: 'failing', failing_since: T0 - 5 * 24 * HOUR })
const environment = endpoint({ id: 'ep_environment', url: 'http://127.0.0.1:3000/webhooks', description: 'USERKIT_WEBHOOK_URL', source: 'environment' })

const delivery = (over: Partial<WebhookDeliveryJSON>): WebhookDeliveryJSON => ({
  object: 'webhook_delivery',
  id: 'whd_1',
  endpoint_id: enabled.id,
  event_id: 'msg_2vKq8dZr0aXbT4mNc7yPqL1sEw',
  event_type: 'user.created',
  status: 'succeeded',
  attempts: 1,
  response_status: 200,
  error: null,
  next_attempt_at: null,
  last_attempt_at: T0,
  created_at: T0,
  ...over,
})

const deliveries: WebhookDeliveryJSON[] = [
  delivery({ id: 'whd_3', event_id: 'msg_3c', event_type: 'session.created', status: 'pending', attempts: 2, response_status: 503, error: 'HTTP 503', next_attempt_at: T0 + 5 * 60_000 }),
  delivery({ id: 'whd_2', event_id: 'msg_2b', event_type: 'user.updated', status: 'failed', attempts: 8, response_status: null, error: 'timeout' }),
  delivery({ id: 'whd_1', event_id: 'msg_1a' }),
]

/** The operator's webhook endpoints: the secret shown once, rotation, disabling, deliveries and resending. */
const meta = {
  title: 'Dashboard/Webhooks',
  component: WebhooksPageView,
  decorators: [withDashboard],
  args: {
    messages: dashboardMessages,
    state: 'ready',
    endpoints: [enabled, failingNow, disabledManual, disabledFailing, environment],
    addOpen: false,
    onAddOpenChange: fn(),
    draft: EMPTY_ENDPOINT_DRAFT,
    onDraftChange: fn(),
    onAddSubmit: fn(),
    onAction: fn(),
    onToggleDeliveries: fn(),
    onResend: fn(),
    formatDate,
  },
} satisfies Meta<WebhooksPageViewProps>

export default meta
type Story = StoryObj<typeof meta>

/** Enabled, failing for a while, disabled by hand, disabled after 5 days of failures, and the environment's. */
export const Endpoints: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const items = within(canvas.getByRole('list', { name: 'Endpoints' })).getAllByRole('listitem')
    await expect(items).toHaveLength(5)
    await expect(items[0]).toHaveTextContent('Enabled · All events')
    await expect(items[1]).toHaveTextContent(/Deliveries have failed since/)
    await expect(items[3]).toHaveTextContent('Disabled after 5 days of failed deliveries')
    await expect(within(items[4] as HTMLElement).queryByRole('button', { name: /Delete/ })).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: `Enable ${disabledFailing.url}` }))
    await expect(args.onAction).toHaveBeenCalledWith(disabledFailing, 'enable')
    await userEvent.click(canvas.getByRole('button', { name: `Delete ${enabled.url}` }))
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('alertdialog', { name: 'Delete this endpoint?' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete endpoint' }))
    await expect(args.onAction).toHaveBeenCalledWith(enabled, 'delete')
  },
}

export const Empty: Story = {
  args: { endpoints: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/No endpoints yet/)).toBeVisible()
    await expect(within(canvasElement).getByRole('button', { name: 'Add endpoint' })).toBeVisible()
  },
}

export const Loading: Story = {
  args: { state: 'loading', endpoints: undefined },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Loading…')).toBeVisible()
  },
}

export const LoadError: Story = {
  args: { state: 'error', endpoints: undefined, error: 'The endpoints could not be loaded.', onRetry: fn() },
  play: async ({ canvasElement, args }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('The endpoints could not be loaded.')
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Try again' }))
    await expect(args.onRetry).toHaveBeenCalledOnce()
  },
}

export const AddEndpoint: Story = {
  args: { endpoints: [], addOpen: true, draft: { url: 'https://api.example.com/webhooks', description: '', eventTypes: ['user.created'] } },
  play: async ({ canvasElement, args }) => {
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Add an endpoint' })
    await expect(within(dialog).getByRole('checkbox', { name: 'user.created' })).toBeChecked()
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'user.deleted' }))
    await expect(args.onDraftChange).toHaveBeenCalledWith({ url: 'https://api.example.com/webhooks', description: '', eventTypes: ['user.created', 'user.deleted'] })
  },
}

export const AddEndpointWithError: Story = {
  args: {
    endpoints: [],
    addOpen: true,
    draft: { url: 'ftp://api.example.com/webhooks', description: 'CRM', eventTypes: [] },
    addFieldErrors: { url: 'The URL must be an http or https URL.' },
  },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Add an endpoint' })
    await expect(within(dialog).getByLabelText('Endpoint URL')).toHaveAttribute('aria-invalid', 'true')
    await expect(within(dialog).getByText('The URL must be an http or https URL.')).toBeVisible()
  },
}

export const Adding: Story = {
  args: { endpoints: [], addOpen: true, addState: 'pending', draft: { url: 'https://api.example.com/webhooks', description: '', eventTypes: [] } },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Add an endpoint' })
    await expect(within(dialog).getByRole('button', { name: 'Adding…' })).toHaveAttribute('aria-disabled', 'true')
  },
}

/** Right after adding or rotating: the secret, once. */
export const SecretShownOnce: Story = {
  args: { endpoints: [enabled], secret: { url: enabled.url, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, onSecretDone: fn() },
  play: async ({ canvasElement, args }) => {
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'The signing secret' })
    await expect(within(dialog).getByRole('region', { name: `Secret of ${enabled.url}` })).toHaveTextContent('whsec_')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }))
    await expect(args.onSecretDone).toHaveBeenCalledOnce()
  },
}

/** An endpoint's deliveries: one retried, one failed for good, one delivered. */
export const Deliveries: Story = {
  args: { endpoints: [enabled], openId: enabled.id, deliveries: { state: 'ready', items: deliveries, total: 12 }, onMoreDeliveries: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const table = canvas.getByRole('table', { name: `Recent deliveries to ${enabled.url}` })
    const rows = within(table).getAllByRole('row')
    await expect(rows[1]).toHaveTextContent('Pending')
    await expect(rows[2]).toHaveTextContent('timeout')
    await expect(rows[3]).toHaveTextContent('Succeeded')
    await userEvent.click(within(rows[2] as HTMLElement).getByRole('button', { name: 'Resend event msg_2b' }))
    await expect(args.onResend).toHaveBeenCalledWith(deliveries[1])
    await userEvent.click(canvas.getByRole('button', { name: 'Show older deliveries' }))
    await expect(args.onMoreDeliveries).toHaveBeenCalledOnce()
  },
}

export const DeliveriesEmpty: Story = {
  args: { endpoints: [enabled], openId: enabled.id, deliveries: { state: 'ready', items: [], total: 0 } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No deliveries yet.')).toBeVisible()
  },
}

export const DeliveriesLoading: Story = {
  args: { endpoints: [enabled], openId: enabled.id, deliveries: { state: 'loading', items: [], total: 0 } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Loading…')).toBeVisible()
  },
}

export const Resent: Story = {
  args: { endpoints: [enabled], openId: enabled.id, deliveries: { state: 'ready', items: deliveries, total: 3, notice: dashboardMessages.webhooks.resent } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('status').some((s) => s.textContent === dashboardMessages.webhooks.resent)).toBe(true)
  },
}
