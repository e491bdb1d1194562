/**
 * The connected dashboard against the real server running in this page: `createUserkitServer` on
 * PGlite, reached through the in-process fetch, the same way the live stories run the kit. Every
 * click goes through the dashboard routes, the proxy and the Backend API handlers.
 */
import { PGlite } from '@electric-sql/pglite'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import '../../dashboard/src/dashboard.css'
import { createDashboardApi } from '../../dashboard/src/api.ts'
import { createDashboardQueryClient, DashboardApp } from '../../dashboard/src/app.tsx'
import { mergePatch, parseMetadata } from '../../dashboard/src/json.ts'
import { createUserkitServer, type UserkitServer } from '../../server/app.ts'
import { createInProcessFetch } from '../../server/in-process.ts'
import { scryptHasher } from '../../server/password.ts'
import { prepareTemplate } from '../helpers/template.ts'
import type { Database } from '../../server/storage/database.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import { expectNoAxeViolations } from './axe.ts'

const BASE_URL = 'http://userkit.localhost'
const SECRET_KEY = 'sk_test_dashboard_component_key'
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

/** The database of each server, for the few checks made in SQL. */
const databases = new WeakMap<UserkitServer, Database>()

async function renderDashboard() {
  const database = pgliteDatabase(new PGlite({ loadDataDir: template }))
  const server = await createUserkitServer({
    database,
    env: 'development',
    passwordHasher: scryptHasher({ N: 16, r: 1, p: 1 }),
    secretKey: SECRET_KEY,
  })
  databases.set(server, database)
  open.push(server)
  const api = createDashboardApi({ baseUrl: BASE_URL, fetch: createInProcessFetch(server.app.fetch, { baseUrl: BASE_URL }) })
  const queryClient = createDashboardQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false } })
  render(<DashboardApp api={api} queryClient={queryClient} defaultTheme="light" />)
  return server
}

async function signIn() {
  const user = userEvent.setup()
  await user.type(await screen.findByLabelText('Secret key', {}, { timeout: 10_000 }), `${SECRET_KEY}{Enter}`)
  await screen.findByRole('heading', { level: 1, name: 'Users' }, { timeout: 10_000 })
  return user
}

describe('the connected dashboard on the in-page server', () => {
  it('given a wrong key, should say so at the field; given the key, should list the users', async () => {
    const server = await renderDashboard()
    await server.createUser({ email: 'ada@example.com', password: 'correct horse battery staple', firstName: 'Ada', lastName: 'Lovelace' })
    const user = userEvent.setup()
    const field = await screen.findByLabelText('Secret key', {}, { timeout: 10_000 })
    await expectNoAxeViolations()
    await user.type(field, 'sk_test_wrong{Enter}')
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'))
    expect(screen.getByText('This is not the secret key.')).toBeVisible()
    await user.clear(field)
    await user.type(field, `${SECRET_KEY}{Enter}`)
    const table = await screen.findByRole('table', { name: 'Users' }, { timeout: 10_000 })
    expect(await within(table).findByRole('cell', { name: 'ada@example.com' })).toBeVisible()
    expect(screen.getByText('1–1 of 1')).toBeInTheDocument()
    await expectNoAxeViolations()
  })

  it('given a create that the Backend API refuses, should show the error at its field and keep every value, then create', async () => {
    const server = await renderDashboard()
    await server.createUser({ email: 'taken@example.com', password: 'correct horse battery staple' })
    const user = await signIn()
    await user.click(screen.getByRole('button', { name: 'Create user' }))
    const dialog = await screen.findByRole('dialog', { name: 'Create user' })
    await user.type(within(dialog).getByLabelText('Email addresses'), 'taken@example.com')
    await user.type(within(dialog).getByLabelText('Password'), 'correct horse battery staple')
    await user.type(within(dialog).getByLabelText('First name'), 'Grace')
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }))
    const emails = within(dialog).getByLabelText('Email addresses')
    await waitFor(() => expect(emails).toHaveAttribute('aria-invalid', 'true'))
    expect(within(dialog).getByLabelText('First name')).toHaveValue('Grace')
    expect(within(dialog).getByLabelText('Password')).toHaveValue('correct horse battery staple')
    await expectNoAxeViolations()
    // Closing and reopening loses nothing either.
    await user.keyboard('{Escape}')
    await user.click(screen.getByRole('button', { name: 'Create user' }))
    const again = await screen.findByRole('dialog', { name: 'Create user' })
    expect(within(again).getByLabelText('First name')).toHaveValue('Grace')
    await user.clear(within(again).getByLabelText('Email addresses'))
    await user.type(within(again).getByLabelText('Email addresses'), 'grace@example.com')
    await user.click(within(again).getByRole('button', { name: 'Create user' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await screen.findByRole('cell', { name: 'grace@example.com' })).toBeVisible()
    const { rows } = await databases.get(server)!.query("SELECT first_name FROM users WHERE first_name = 'Grace'")
    expect(rows).toHaveLength(1)
  })

  it('given the row menu, should delete the user after a confirmation that names them', async () => {
    const server = await renderDashboard()
    const doomed = await server.createUser({ email: 'doomed@example.com', password: 'correct horse battery staple', firstName: 'Doomed', lastName: 'User' })
    await server.createUser({ email: 'kept@example.com', password: 'correct horse battery staple' })
    const user = await signIn()
    const menu = await screen.findByRole('button', { name: 'Actions for Doomed User' }, { timeout: 10_000 })
    menu.focus()
    await user.keyboard('{Enter}')
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete Doomed User?' })
    await expectNoAxeViolations()
    await user.click(within(confirm).getByRole('button', { name: 'Delete user' }))
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'doomed@example.com' })).not.toBeInTheDocument())
    expect(screen.getByRole('link', { name: 'kept@example.com' })).toBeVisible()
    expect(await server.store.users.get(doomed.id)).toBeNull()
  })

  it('given a user page, should refuse invalid JSON, merge metadata, revoke a session and ban', async () => {
    const server = await renderDashboard()
    const ada = await server.createUser({ email: 'ada@example.com', password: 'correct horse battery staple', firstName: 'Ada', lastName: 'Lovelace' })
    await databases.get(server)!.query(`UPDATE users SET public_metadata = '{"old":1,"keep":{"a":1,"b":2}}'::jsonb WHERE id = $1`, [ada.id])
    const client = await server.store.sessions.createClient('a'.repeat(64))
    const session = await server.store.sessions.create(client.id, ada.id)
    const user = await signIn()
    await user.click(await screen.findByRole('link', { name: 'Ada Lovelace' }, { timeout: 10_000 }))
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' }, { timeout: 10_000 })
    await expectNoAxeViolations()

    const editor = screen.getByRole('textbox', { name: 'Public metadata' })
    await user.clear(editor)
    await user.type(editor, '{{"broken": }')
    await user.click(screen.getByRole('button', { name: 'Save public metadata' }))
    expect(await screen.findByText(/This is not valid JSON/)).toBeVisible()
    expect(editor).toHaveAttribute('aria-invalid', 'true')
    expect((await server.store.users.get(ada.id))?.publicMetadata).toEqual({ old: 1, keep: { a: 1, b: 2 } })

    await user.clear(editor)
    await user.type(editor, '{{"keep":{{"a":1}, "plan":"pro"}')
    await user.click(screen.getByRole('button', { name: 'Save public metadata' }))
    expect(await screen.findByText('Saved.')).toBeVisible()
    // Removed keys are deleted through the merge endpoint's nulls; the rest is merged.
    expect((await server.store.users.get(ada.id))?.publicMetadata).toEqual({ keep: { a: 1 }, plan: 'pro' })

    await user.click(await screen.findByRole('button', { name: `Revoke session ${session.id}` }))
    await waitFor(async () => expect((await server.store.sessions.get(session.id))?.status).toBe('revoked'))
    expect(await screen.findByText('No active sessions.')).toBeVisible()

    await user.click(screen.getByRole('button', { name: 'Ban user' }))
    expect(await screen.findByRole('button', { name: 'Unban user' })).toBeVisible()
    expect((await server.store.users.get(ada.id))?.banned).toBe(true)
    await expectNoAxeViolations()
  })
})

describe('the Session keys page', () => {
  it('given the nav, should show the publishable key and the PEM, and rotate the key after a confirmation', async () => {
    const server = await renderDashboard()
    const user = await signIn()
    await user.click(screen.getByRole('link', { name: 'Session keys' }))
    await screen.findByRole('heading', { level: 1, name: 'Session keys' })
    expect(screen.getByRole('link', { name: 'Session keys' })).toHaveAttribute('aria-current', 'page')
    expect(await screen.findByText(server.publishableKey)).toBeVisible()
    const before = await server.signingKeys.summary()
    expect(screen.getByRole('region', { name: /Signing key .* as PEM/ })).toHaveTextContent('BEGIN PUBLIC KEY')
    await expectNoAxeViolations()

    const rotate = screen.getByRole('button', { name: 'Rotate signing key' })
    await user.click(rotate)
    const confirm = await screen.findByRole('alertdialog', { name: 'Rotate the signing key?' })
    await expectNoAxeViolations()
    await user.click(within(confirm).getByRole('button', { name: 'Rotate key' }))
    expect(await screen.findByText('The new key signs from now on.')).toBeVisible()
    const after = await server.signingKeys.summary()
    expect(after.kid).not.toBe(before.kid)
    expect(after.keys.map((k) => k.kid)).toEqual([after.kid, before.kid])
    expect(screen.getByText(after.kid)).toBeVisible()
    await waitFor(() => expect(document.activeElement).toBe(rotate))
  })
})

describe('metadata helpers', () => {
  it('should turn an edited object into the merge patch that produces it', () => {
    expect(mergePatch({ a: 1, b: { c: 1, d: 2 }, e: [1] }, { b: { c: 1 }, e: [1, 2], f: null })).toEqual({ a: null, b: { d: null }, e: [1, 2], f: null })
    expect(mergePatch({ a: 1 }, { a: 1 })).toEqual({})
  })

  it('should accept only JSON objects', () => {
    expect(parseMetadata('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } })
    expect(parseMetadata('')).toEqual({ ok: true, value: {} })
    expect(parseMetadata('[1]')).toEqual({ ok: false, reason: 'not_object' })
    expect(parseMetadata('{a: 1}').ok).toBe(false)
  })
})
