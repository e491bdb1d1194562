import { spawn } from 'node:child_process'
import { createServer as createHttpServer, type IncomingMessage } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, deliveryFromEnv } from '../../server/node/delivery-env.ts'
import { smsWebhookDelivery } from '../../server/node/sms-webhook.ts'
import { smtpDelivery } from '../../server/node/smtp.ts'
import { firstError, readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const post = (body: unknown, cookie: string) => ({ method: 'POST', body, cookie })

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

/**
 * A minimal SMTP relay (the one mock the quality bar allows): speaks just enough RFC 5321 for
 * nodemailer without TLS or auth, and keeps each message's envelope and raw data.
 */
async function smtpSink() {
  const mails: { from: string; to: string[]; data: string }[] = []
  const server: Server = createTcpServer((socket) => {
    let buffer = ''
    let inData = false
    let current = { from: '', to: [] as string[], data: '' }
    socket.write('220 sink ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          current.data = buffer.slice(0, end)
          buffer = buffer.slice(end + 5)
          inData = false
          mails.push(current)
          current = { from: '', to: [], data: '' }
          socket.write('250 OK queued\r\n')
          continue
        }
        const eol = buffer.indexOf('\r\n')
        if (eol < 0) return
        const line = buffer.slice(0, eol)
        buffer = buffer.slice(eol + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-sink\r\n250 8BITMIME\r\n')
        else if (verb === 'MAIL') (current.from = line), socket.write('250 OK\r\n')
        else if (verb === 'RCPT') current.to.push(line), socket.write('250 OK\r\n')
        else if (verb === 'DATA') (inData = true), socket.write('354 go ahead\r\n')
        else if (verb === 'QUIT') socket.end('221 bye\r\n')
        else socket.write('250 OK\r\n')
      }
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  closers.push(() => new Promise((done) => server.close(() => done())))
  return { mails, url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** An HTTP endpoint standing in for an SMS gateway; answers `status`. */
async function webhookSink(status = 200) {
  const calls: { headers: IncomingMessage['headers']; body: unknown }[] = []
  const server = createHttpServer((req, res) => {
    let text = ''
    req.on('data', (c) => (text += c))
    req.on('end', () => {
      calls.push({ headers: req.headers, body: JSON.parse(text) })
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  closers.push(() => new Promise((done) => server.close(() => done())))
  return { calls, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms` }
}

describe('SMTP delivery (nodemailer)', () => {
  it('sends the code email through the relay in production, and the code from it verifies', async () => {
    const sink = await smtpSink()
    const smtp = smtpDelivery({ url: sink.url, from: 'Acme <no-reply@acme.test>' })
    closers.push(async () => smtp.close())
    const t = await createTestServer({ env: 'production', delivery: smtp, applicationName: 'Acme' })
    const { cookie } = await t.signedInUser()
    const added = await readJson(await t.request('/v1/me/email_addresses', post({ email_address: 'inbox@example.com' }, cookie)))
    const id = added.response.id
    const prepared = await t.request(`/v1/me/email_addresses/${id}/prepare_verification`, post({ strategy: 'email_code' }, cookie))
    expect(prepared.status).toBe(200)

    expect(sink.mails).toHaveLength(1)
    const mail = sink.mails[0] as (typeof sink.mails)[number]
    expect(mail.from).toContain('<no-reply@acme.test>')
    expect(mail.to).toEqual(['RCPT TO:<inbox@example.com>'])
    const code = /Subject: (\d{6}) is your Acme verification code/.exec(mail.data)?.[1]
    expect(code).toMatch(/^\d{6}$/)
    expect(mail.data).toContain(`Your Acme verification code is ${code}.`)

    const verified = await t.request(`/v1/me/email_addresses/${id}/attempt_verification`, post({ code }, cookie))
    expect(verified.status).toBe(200)
    expect((await readJson(verified)).response.verification.status).toBe('verified')
  })

  it('answers 502 message_delivery_failed when the relay is unreachable', async () => {
    const sink = await smtpSink()
    const deadUrl = sink.url
    await closers.splice(0).reduce((p, close) => p.then(close), Promise.resolve())
    const smtp = smtpDelivery({ url: `${deadUrl}?connectionTimeout=2000`, from: 'no-reply@acme.test' })
    const t = await createTestServer({ env: 'production', delivery: smtp })
    const { cookie } = await t.signedInUser()
    const added = await readJson(await t.request('/v1/me/email_addresses', post({ email_address: 'down@example.com' }, cookie)))
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args)
    try {
      const res = await t.request(`/v1/me/email_addresses/${added.response.id}/prepare_verification`, post({ strategy: 'email_code' }, cookie))
      expect(res.status).toBe(502)
      expect((await firstError(res)).code).toBe('message_delivery_failed')
    } finally {
      console.error = original
    }
    expect(errors).toHaveLength(1)
  })
})

describe('SMS webhook delivery', () => {
  it('POSTs {to, text, code} as JSON to the webhook', async () => {
    const sink = await webhookSink()
    const t = await createTestServer({ env: 'production', delivery: smsWebhookDelivery({ url: sink.url }) })
    const { cookie } = await t.signedInUser()
    const added = await readJson(await t.request('/v1/me/phone_numbers', post({ phone_number: '+14155550123' }, cookie)))
    const res = await t.request(`/v1/me/phone_numbers/${added.response.id}/prepare_verification`, post({ strategy: 'phone_code' }, cookie))
    expect(res.status).toBe(200)
    expect(sink.calls).toHaveLength(1)
    const call = sink.calls[0] as (typeof sink.calls)[number]
    expect(call.headers['content-type']).toBe('application/json')
    const body = call.body as { to: string; text: string; code: string }
    expect(body).toEqual({ to: '+14155550123', text: `${body.code} is your userkit verification code.`, code: expect.stringMatching(/^\d{6}$/) })
  })

  it('sends credentials in the URL as Basic auth, not in the URL', async () => {
    const sink = await webhookSink()
    const url = sink.url.replace('http://', 'http://gateway:s%3Acret@')
    await smsWebhookDelivery({ url }).send({ channel: 'sms', to: '+14155550123', subject: null, text: 'x', code: '123456', link: null })
    expect(sink.calls[0]?.headers.authorization).toBe(`Basic ${Buffer.from('gateway:s:cret').toString('base64')}`)
  })

  it('fails the send when the gateway answers an error', async () => {
    const sink = await webhookSink(500)
    const delivery = smsWebhookDelivery({ url: sink.url })
    await expect(delivery.send({ channel: 'sms', to: '+14155550123', subject: null, text: 'x', code: '123456', link: null })).rejects.toThrow(
      /answered 500/,
    )
  })
})

describe('deliveryFromEnv (the CLI\'s configuration)', () => {
  it('refuses a production server that cannot send email, naming the variables to set', () => {
    expect(() => deliveryFromEnv({}, 'production')).toThrow(ConfigError)
    expect(() => deliveryFromEnv({ USERKIT_SMS_WEBHOOK_URL: 'https://sms.example/hook' }, 'production')).toThrow(/USERKIT_SMTP_URL and USERKIT_MAIL_FROM/)
  })

  it('catches half or malformed configurations', () => {
    expect(() => deliveryFromEnv({ USERKIT_SMTP_URL: 'smtp://mail.example' }, 'development')).toThrow(/USERKIT_MAIL_FROM is required/)
    expect(() => deliveryFromEnv({ USERKIT_MAIL_FROM: 'a@b.c' }, 'development')).toThrow(/USERKIT_SMTP_URL is not/)
    expect(() => deliveryFromEnv({ USERKIT_SMTP_URL: 'mail.example', USERKIT_MAIL_FROM: 'a@b.c' }, 'development')).toThrow(/smtp:\/\//)
    expect(() => deliveryFromEnv({ USERKIT_SMS_WEBHOOK_URL: 'ftp://x' }, 'development')).toThrow(/http/)
    expect(() => deliveryFromEnv({ USERKIT_DEFAULT_COUNTRY: 'Narnia' }, 'development')).toThrow(/USERKIT_DEFAULT_COUNTRY/)
  })

  it('uses the dev outbox in development, and SMTP + webhook when configured', () => {
    const dev = deliveryFromEnv({ USERKIT_DEFAULT_COUNTRY: 'gb' }, 'development')
    expect(dev.delivery).toBeUndefined()
    expect(dev.defaultPhoneCountry).toBe('GB')
    expect(dev.notes.join('\n')).toContain('/dev/outbox')

    const prod = deliveryFromEnv(
      { USERKIT_SMTP_URL: 'smtps://user:secret@smtp.example:465', USERKIT_MAIL_FROM: 'no-reply@example.com', USERKIT_SMS_WEBHOOK_URL: 'https://sms.example/hook' },
      'production',
    )
    expect([...(prod.delivery?.channels ?? [])].sort()).toEqual(['email', 'sms'])
    expect(prod.notes.join('\n')).not.toContain('secret')

    const emailOnly = deliveryFromEnv({ USERKIT_SMTP_URL: 'smtp://smtp.example', USERKIT_MAIL_FROM: 'a@example.com' }, 'production')
    expect(emailOnly.delivery?.channels).toEqual(['email'])
    expect(emailOnly.notes.join('\n')).toContain('phone numbers are off')
  })
})

describe('the CLI', () => {
  /** Runs the CLI in production with `vars` over a clean environment; resolves with its exit code and output. */
  async function production(vars: NodeJS.ProcessEnv) {
    const env: NodeJS.ProcessEnv = { ...process.env, USERKIT_ENV: 'production', USERKIT_SECRET_KEY: 'sk_live_test', PORT: '0', USERKIT_DATA_DIR: '/nonexistent/never-created', ...vars }
    for (const key of ['USERKIT_SMTP_URL', 'USERKIT_MAIL_FROM', 'USERKIT_SMS_WEBHOOK_URL', 'USERKIT_PUBLIC_URL']) if (!(key in vars)) delete env[key]
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/node/cli.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    const code = await new Promise<number | null>((done) => child.on('exit', done))
    return { code, stdout, stderr }
  }

  it('refuses to start in production without a public URL, with a clear message', async () => {
    const run = await production({ USERKIT_SMTP_URL: 'smtp://smtp.example', USERKIT_MAIL_FROM: 'a@example.com' })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('userkit: set USERKIT_PUBLIC_URL to the URL browsers reach this server at')
    expect(run.stdout).not.toContain('listening')
  }, 30_000)

  it('refuses to start in production without a way to send, with a clear message', async () => {
    const run = await production({ USERKIT_PUBLIC_URL: 'https://users.example.com' })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('userkit: a production server must be able to send verification emails: set USERKIT_SMTP_URL and USERKIT_MAIL_FROM')
    expect(run.stdout).not.toContain('listening')
  }, 30_000)
})
