/**
 * The dashboard's Webhooks page against the real server running in this page (PGlite, in-process
 * fetch): every click goes through the dashboard proxy to `/v1/webhook_endpoints`. Deliveries go to
 * a port nothing answers on, so they fail and wait for a retry, which is what the page shows.
 */
import { PGlite } from '@electric-sql/pglite'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import '../../dashboard/src/dashboard.css'
import { createDashboardApi } from '../../dashboard/src/api.ts'
import { createDashboardQueryClient, DashboardApp } from '../../dashboard/src/app.tsx'
import { createUserkitServer, type UserkitServer } from '../../server/app.ts'
import { createInProcessFetch } from '../../server/in-process.ts'
import type { UserkitServerOptions } from '../../server/options.ts'
import { scryptHasher } from '../../server/password.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import { generateWebhookSecret } from '../../server/webhooks/sign.ts'
import { prepareTemplate } from '../helpers/template.ts'
import { expectNoAxeViolations } from './axe.ts'

const BASE_URL = 'http://userkit.localhost'
const SECRET_KEY = 'sk_test_dashboard_webhooks_key'
/** Nothing listens on the discard port: every delivery fails. */
const DEAD_URL = 'http://127.0.0.1:9/hook'
let template: Blob
const open: UserkitServer[] = []
const startPath = location.pathname

beforeAll(async () => {
  const pglite = new PGlite()
  try {
    await prepareTemplate(pgliteDatabase(pglite))
    template = await pglite.dumpDataDir('none')
  } finally {
    await pglite.close()
  }
}, 60_000)

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
  history.replaceState(null, '', startPath)
  localStorage.clear()
})

async function renderWebhooks(options: Partial<UserkitServerOptions> = {}) {
  const server = await createUserkitServer({
    database: pgliteDatabase(new PGlite({ loadDataDir: template })),
    env: 'development',
    passwordHasher: scryptHasher({ N: 16, r: 1, p: 1 }),
    secretKey: SECRET_KEY,
    ...options,
    webhooks: { pollIntervalMs: 0, timeoutMs: 2_000, ...options.webhooks },
  })
  open.push(server)
  const api = createDashboardApi({ baseUrl: BASE_URL, fetch: createInProcessFetch(server.app.fetch, { baseUrl: BASE_URL }) })
  const queryClient = createDashboardQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false } })
  render(<DashboardApp api={api} queryClient={queryClient} defaultTheme="light" />)
  const user = userEvent.setup()
  await user.type(await screen.findByLabelText('Secret key', {}, { timeout: 10_000 }), `${SECRET_KEY}{Enter}`)
  await screen.findByRole('heading', { level: 1, name: 'Users' }, { timeout: 10_000 })
  await user.click(screen.getByRole('link', { name: 'Webhooks' }))
  await screen.findByRole('heading', { level: 1, name: 'Webhooks' })
  expect(screen.getByRole('link', { name: 'Webhooks' })).toHaveAttribute('aria-current', 'page')
  expect(screen.getByRole('link', { name: 'Users' })).not.toHaveAttribute('aria-current')
  return { server, user }
}

describe('the Webhooks page on the in-page server', () => {
  it('adds an endpoint (field errors keep what was typed), shows its secret once, rotates, disables and deletes it', async () => {
    const { user, server } = await renderWebhooks()
    expect(await screen.findByText(/No endpoints yet/)).toBeVisible()
    await expectNoAxeViolations()

    const add = screen.getByRole('button', { name: 'Add endpoint' })
    await user.click(add)
    let dialog = await screen.findByRole('dialog', { name: 'Add an endpoint' })
    await user.type(within(dialog).getByLabelText('Endpoint URL'), 'ftp://example.com/hook')
    await user.type(within(dialog).getByLabelText('Description (optional)'), 'CRM sync')
    await user.click(within(dialog).getByRole('checkbox', { name: 'user.created' }))
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }))
    const url = within(dialog).getByLabelText('Endpoint URL')
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'))
    expect(within(dialog).getByText(/must be an http or https URL/)).toBeVisible()
    expect(within(dialog).getByLabelText('Description (optional)')).toHaveValue('CRM sync')
    expect(within(dialog).getByRole('checkbox', { name: 'user.created' })).toBeChecked()
    await expectNoAxeViolations()

    await user.clear(url)
    await user.type(url, DEAD_URL)
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }))
    dialog = await screen.findByRole('dialog', { name: 'The signing secret' })
    const secret = within(dialog).getByRole('region', { name: `Secret of ${DEAD_URL}` }).textContent as string
    expect(secret).toMatch(/^whsec_/)
    await expectNoAxeViolations()
    await user.click(within(dialog).getByRole('button', { name: 'Done' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(screen.getByRole('button', { name: 'Add endpoint' })).toHaveFocus()
    const endpoint = within(screen.getByRole('list', { name: 'Endpoints' })).getByRole('listitem')
    expect(endpoint).toHaveTextContent(DEAD_URL)
    expect(endpoint).toHaveTextContent('CRM sync')
    expect(endpoint).toHaveTextContent('Enabled · user.created')
    // Shown once: nowhere on the page any more.
    expect(document.body.textContent).not.toContain('whsec_')

    // A change the endpoint wants: the delivery fails (nothing listens) and waits for its retry.
    await server.createUser({ email: 'hooked@example.com', password: 'correct horse battery staple' })
    await server.webhooks.deliverDue()
    await user.click(screen.getByRole('button', { name: `Deliveries to ${DEAD_URL}` }))
    const table = await screen.findByRole('table', { name: `Recent deliveries to ${DEAD_URL}` })
    const [, row] = within(table).getAllByRole('row')
    expect(row).toHaveTextContent('user.created')
    expect(row).toHaveTextContent('Pending')
    expect(within(row as HTMLElement).getAllByRole('cell')[3]).toHaveTextContent('1')
    await expectNoAxeViolations()
    await user.click(within(row as HTMLElement).getByRole('button', { name: /^Resend event msg_/ }))
    expect(await screen.findByText('Sent again as a new delivery with the same svix-id.')).toBeVisible()
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3))
    const eventIds = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[1]?.textContent)
    expect(eventIds[0]).toBe(eventIds[1])

    // Rotation asks first, then shows the new secret once.
    const rotate = screen.getByRole('button', { name: `Rotate secret of ${DEAD_URL}` })
    await user.click(rotate)
    const confirm = await screen.findByRole('alertdialog', { name: 'Rotate the signing secret?' })
    await user.click(within(confirm).getByRole('button', { name: 'Rotate secret' }))
    dialog = await screen.findByRole('dialog', { name: 'The signing secret' })
    const rotated = within(dialog).getByRole('region', { name: `Secret of ${DEAD_URL}` }).textContent as string
    expect(rotated).toMatch(/^whsec_/)
    expect(rotated).not.toBe(secret)
    await user.keyboard('{Escape}')
    await waitFor(() => expect(rotate).toHaveFocus())

    await user.click(screen.getByRole('button', { name: `Disable ${DEAD_URL}` }))
    expect(await screen.findByRole('button', { name: `Enable ${DEAD_URL}` })).toBeVisible()
    expect(within(screen.getByRole('list', { name: 'Endpoints' })).getByRole('listitem')).toHaveTextContent('Disabled · user.created')
    await user.click(screen.getByRole('button', { name: `Enable ${DEAD_URL}` }))
    expect(await screen.findByRole('button', { name: `Disable ${DEAD_URL}` })).toBeVisible()

    await user.click(screen.getByRole('button', { name: `Delete ${DEAD_URL}` }))
    const del = await screen.findByRole('alertdialog', { name: 'Delete this endpoint?' })
    expect(del).toHaveTextContent(DEAD_URL)
    await user.click(within(del).getByRole('button', { name: 'Delete endpoint' }))
    expect(await screen.findByText(/No endpoints yet/)).toBeVisible()
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add endpoint' })).toHaveFocus())
  })

  it('shows the environment’s endpoint read-only, with its deliveries', async () => {
    const { user, server } = await renderWebhooks({ webhooks: { endpoint: { url: DEAD_URL, secret: generateWebhookSecret() } } })
    const item = await screen.findByRole('listitem')
    expect(item).toHaveTextContent('Set by the server’s environment')
    expect(within(item).getByRole('button', { name: `Deliveries to ${DEAD_URL}` })).toBeVisible()
    expect(within(item).queryByRole('button', { name: /Rotate|Delete|Disable/ })).toBeNull()
    await user.click(within(item).getByRole('button', { name: `Deliveries to ${DEAD_URL}` }))
    expect(await screen.findByText('No deliveries yet.')).toBeVisible()
    await expectNoAxeViolations()
    await server.createUser({ email: 'env@example.com', password: 'correct horse battery staple' })
    await server.webhooks.deliverDue()
    await user.click(screen.getByRole('button', { name: 'Refresh' }))
    expect(await screen.findByRole('cell', { name: 'user.created' })).toBeVisible()
  })
})
