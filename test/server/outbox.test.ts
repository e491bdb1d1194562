import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_USER, startUserkit } from '../../server/node/index.ts'
import type { OutboxMessageJSON } from '../../src/wire/index.ts'
import { formatDevMessage } from '../../server/delivery/dev-outbox.ts'
import { fastHasher, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const post = (body: unknown, cookie: string) => ({ method: 'POST', body, cookie })

async function add(t: TestServer, cookie: string, kind: 'email_addresses' | 'phone_numbers', value: string): Promise<string> {
  const field = kind === 'email_addresses' ? 'email_address' : 'phone_number'
  const res = await t.request(`/v1/me/${kind}`, post({ [field]: value }, cookie))
  expect(res.status).toBe(200)
  return (await readJson(res)).response.id
}

/** Three messages a second apart: a code email, an SMS code, a link email. */
async function sendThree(t: TestServer) {
  const { cookie } = await t.signedInUser()
  const email = await add(t, cookie, 'email_addresses', 'Outbox@Example.com')
  const phone = await add(t, cookie, 'phone_numbers', '+14155550123')
  await t.request(`/v1/me/email_addresses/${email}/prepare_verification`, post({ strategy: 'email_code' }, cookie))
  t.clock.advance(1000)
  await t.request(`/v1/me/phone_numbers/${phone}/prepare_verification`, post({ strategy: 'phone_code' }, cookie))
  t.clock.advance(1000)
  await t.request(`/v1/me/email_addresses/${email}/prepare_verification`, post({ strategy: 'email_link' }, cookie))
}

describe('GET /dev/outbox.json', () => {
  it('lists every message newest first with exactly the documented fields', async () => {
    const t = await createTestServer()
    const start = t.clock.now()
    await sendThree(t)
    const res = await t.request('/dev/outbox.json')
    expect(res.status).toBe(200)
    const messages: OutboxMessageJSON[] = await readJson(res)
    expect(messages.map((m) => [m.channel, m.created_at - start])).toEqual([
      ['email', 2000],
      ['sms', 1000],
      ['email', 0],
    ])
    const [link, sms, code] = messages as [OutboxMessageJSON, OutboxMessageJSON, OutboxMessageJSON]
    for (const m of messages) {
      expect(Object.keys(m).sort()).toEqual(['channel', 'code', 'created_at', 'id', 'link', 'subject', 'text', 'to'])
      expect(m.id).toMatch(/^msg_/)
    }
    expect(link).toMatchObject({ to: 'Outbox@Example.com', code: null, link: expect.stringContaining('/v1/verify?token=') })
    expect(sms).toMatchObject({ to: '+14155550123', subject: null, link: null, code: expect.stringMatching(/^\d{6}$/) })
    expect(code).toMatchObject({ to: 'Outbox@Example.com', link: null, code: expect.stringMatching(/^\d{6}$/) })
    expect(code.subject).toContain(code.code)
  })

  it('filters by ?to= (case-insensitive; a phone number\'s unencoded + works too)', async () => {
    const t = await createTestServer()
    await sendThree(t)
    const byEmail: OutboxMessageJSON[] = await readJson(await t.request('/dev/outbox.json?to=outbox%40example.com'))
    expect(byEmail.map((m) => m.channel)).toEqual(['email', 'email'])
    for (const query of ['?to=%2B14155550123', '?to=+14155550123']) {
      const byPhone: OutboxMessageJSON[] = await readJson(await t.request(`/dev/outbox.json${query}`))
      expect(byPhone.map((m) => m.to), query).toEqual(['+14155550123'])
    }
    expect(await readJson(await t.request('/dev/outbox.json?to=nobody@example.com'))).toEqual([])
  })

  it('hands each stored message to onDevMessage (the CLI prints it)', async () => {
    const seen: OutboxMessageJSON[] = []
    const t = await createTestServer({ onDevMessage: (m) => seen.push(m) })
    await sendThree(t)
    expect(seen.map((m) => m.id).reverse()).toEqual((await readJson(await t.request('/dev/outbox.json'))).map((m: OutboxMessageJSON) => m.id))
    const sms = seen[1] as OutboxMessageJSON
    expect(formatDevMessage(sms)).toBe(`[dev outbox] sms to +14155550123: code ${sms.code}`)
  })
})

describe('GET /dev/outbox', () => {
  it('is an HTML page with the messages, newest first, escaped, filterable', async () => {
    const t = await createTestServer({ applicationName: '<b>Acme</b>' })
    await sendThree(t)
    const res = await t.request('/dev/outbox')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await res.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<caption>')
    expect(html).not.toContain('<b>Acme</b>')
    expect(html).toContain('&#60;b&#62;Acme&#60;/b&#62;')
    const messages: OutboxMessageJSON[] = await readJson(await t.request('/dev/outbox.json'))
    const positions = messages.map((m) => html.indexOf(m.code ? `<code>${m.code}</code>` : 'href="'))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))

    const filtered = await (await t.request('/dev/outbox?to=%2B14155550123')).text()
    expect(filtered).toContain('+14155550123')
    expect(filtered).not.toContain('Outbox@Example.com')
    const empty = await (await t.request('/dev/outbox?to=nobody@example.com')).text()
    expect(empty).toContain('No messages yet.')
  })
})

describe('the outbox in production', () => {
  it('does not exist: both routes are 404 JSON', async () => {
    const t = await createTestServer({ env: 'production', delivery: { channels: ['email', 'sms'], send: async () => {} } })
    for (const path of ['/dev/outbox', '/dev/outbox.json', '/dev/outbox.json?to=a@example.com']) {
      const res = await t.request(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/json')
    }
  })
})

describe('the outbox under startUserkit (Node)', () => {
  it('prints each dev message and serves /dev/outbox.json through the Node server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'userkit-outbox-'))
    const lines: string[] = []
    const running = await startUserkit({ port: 0, env: 'development', dataDir, demoDir: null, dashboardDir: null, passwordHasher: fastHasher, log: (l) => lines.push(l) })
    try {
      const headers = { origin: running.url, 'content-type': 'application/json' }
      const signIn = await fetch(`${running.url}/v1/client/sign_ins`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ identifier: DEMO_USER.email, password: DEMO_USER.password }),
      })
      expect(signIn.status).toBe(200)
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string
      const added = await fetch(`${running.url}/v1/me/email_addresses`, {
        method: 'POST',
        headers: { ...headers, cookie },
        body: JSON.stringify({ email_address: 'printed@example.com' }),
      })
      const id = (await added.json()).response.id
      const prepared = await fetch(`${running.url}/v1/me/email_addresses/${id}/prepare_verification`, {
        method: 'POST',
        headers: { ...headers, cookie },
        body: JSON.stringify({ strategy: 'email_code' }),
      })
      expect(prepared.status).toBe(200)
      const messages = await (await fetch(`${running.url}/dev/outbox.json?to=printed@example.com`)).json()
      expect(messages).toHaveLength(1)
      expect(lines).toContain(`[dev outbox] email to printed@example.com: code ${messages[0].code}`)
      expect((await fetch(`${running.url}/dev/outbox`)).headers.get('content-type')).toContain('text/html')
    } finally {
      await running.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
