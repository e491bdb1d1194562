/**
 * A real webhook receiver on 127.0.0.1 for tests: records every request it gets (headers and the
 * raw body) and answers each with the next status of its script (200 when the script is empty);
 * `hang` holds requests unanswered, for timeouts.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import { verifyWebhook } from '@clerk/backend/webhooks'
import { Webhook } from 'standardwebhooks'
import { expect } from 'vitest'

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  body: string
  /** The status the receiver answered (0 when it held the request). */
  answered: number
}

export interface WebhookReceiver {
  url: string
  received: ReceivedWebhook[]
  /** The statuses the next requests get, in order (`'hang'` holds one until close). */
  script: (number | 'hang')[]
  /** Waits until `count` requests have arrived (fails the test after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>
  close(): Promise<void>
}

export async function startReceiver(port = 0): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = []
  const script: (number | 'hang')[] = []
  const held: ServerResponse[] = []
  const waiters: (() => void)[] = []
  const http = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const next = script.shift() ?? 200
      const entry: ReceivedWebhook = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: next === 'hang' ? 0 : next }
      received.push(entry)
      for (const wake of waiters.splice(0)) wake()
      if (next === 'hang') held.push(res)
      else res.writeHead(next, { 'content-type': 'text/plain' }).end(next < 300 ? 'ok' : 'no')
    })
  })
  await new Promise<void>((done) => http.listen(port, '127.0.0.1', done))
  const address = http.address()
  if (typeof address !== 'object' || !address) throw new Error('the receiver has no port')
  return {
    url: `http://127.0.0.1:${address.port}/webhooks`,
    received,
    script,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`the receiver got ${received.length} webhooks, expected ${count}`)
        await new Promise<void>((done) => {
          waiters.push(done)
          setTimeout(done, Math.min(left, 200))
        })
      }
      return received.slice(0, count)
    },
    async close() {
      for (const res of held.splice(0)) res.destroy()
      http.closeAllConnections()
      await new Promise<void>((done) => http.close(() => done()))
    },
  }
}

/** A received webhook as the `Request` an app's handler would see. */
export function asRequest(webhook: ReceivedWebhook): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(webhook.headers)) if (typeof value === 'string') headers.set(name, value)
  return new Request('http://127.0.0.1/webhooks', { method: 'POST', headers, body: webhook.body })
}

/**
 * Verifies a webhook as a Clerk app does (`@clerk/backend/webhooks`'s `verifyWebhook`) and with the
 * `standardwebhooks` package, and answers the event; both must agree.
 */
export async function verified(webhook: ReceivedWebhook, secret: string): Promise<any> {
  const event = await verifyWebhook(asRequest(webhook), { signingSecret: secret })
  const svix = webhook.headers as Record<string, string>
  const standard = new Webhook(secret).verify(webhook.body, {
    'webhook-id': svix['svix-id'] as string,
    'webhook-timestamp': svix['svix-timestamp'] as string,
    'webhook-signature': svix['svix-signature'] as string,
  })
  expect(standard).toEqual(event)
  return event
}
