import { Hono } from 'hono'
import type { OutboxMessageJSON } from '../../src/wire/index.ts'
import { outboxMessageJSON } from '../delivery/dev-outbox.ts'
import { escapeHtml, HTML_HEADERS, htmlPage } from '../delivery/html.ts'
import { sendJson } from '../http.ts'
import type { RouteDeps } from './env.ts'

/**
 * The `?to=` filter. An unencoded `+` in a query string arrives as a space, so `?to=+14155550123`
 * typed by hand still finds the E.164 number.
 */
function toFilter(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined
  return value.startsWith(' ') && /^\s\d+$/.test(value) ? `+${value.slice(1)}` : value.trim()
}

/**
 * The dev outbox, registered only on development servers: `GET /dev/outbox` (an HTML page) and
 * `GET /dev/outbox.json` (`[{id, channel, to, subject, text, code, link, created_at}]`), newest
 * first, `?to=` filtering by recipient. e2e tests read codes and links here.
 */
export function devOutboxRoutes(deps: RouteDeps) {
  const list = async (to: string | undefined) => (await deps.store.outbox.list({ to: toFilter(to) })).map(outboxMessageJSON)
  return new Hono()
    .get('/outbox.json', async (c) => sendJson(c, await list(c.req.query('to'))))
    .get('/outbox', async (c) => c.body(htmlPage('Dev outbox', outboxHtml(await list(c.req.query('to')))), 200, HTML_HEADERS))
}

// Development-only tooling, never shipped to end users: its few words stay here, not in a catalog.
function outboxHtml(messages: readonly OutboxMessageJSON[]): string {
  const rows = messages.map((m) => {
    const link = m.link ? `<a href="${escapeHtml(m.link)}">${escapeHtml(m.link)}</a>` : ''
    return (
      `<tr><td><time datetime="${new Date(m.created_at).toISOString()}">${escapeHtml(new Date(m.created_at).toISOString())}</time></td>` +
      `<td>${escapeHtml(m.channel)}</td><td>${escapeHtml(m.to)}</td><td>${escapeHtml(m.subject ?? '')}</td>` +
      `<td>${m.code ? `<code>${escapeHtml(m.code)}</code>` : ''}${link}</td><td><pre>${escapeHtml(m.text)}</pre></td></tr>`
    )
  })
  const table =
    '<table><caption>Messages sent, newest first</caption><thead><tr><th scope="col">Sent</th><th scope="col">Channel</th>' +
    '<th scope="col">To</th><th scope="col">Subject</th><th scope="col">Code or link</th><th scope="col">Text</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  return `<h1>Dev outbox</h1>${messages.length ? table : '<p>No messages yet.</p>'}`
}
