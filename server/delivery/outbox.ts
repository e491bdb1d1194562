import { randomBase62 } from '../ids.ts'
import type { Queryable } from '../storage/database.ts'
import { ms } from '../storage/records.ts'
import type { Channel, Delivery, OutgoingMessage } from './types.ts'

/** A message in the dev outbox, as `GET /dev/outbox.json` writes it. */
export interface OutboxMessageJSON {
  id: string
  channel: Channel
  to: string
  subject: string | null
  text: string
  code: string | null
  link: string | null
  /** Unix milliseconds. */
  created_at: number
}

/** How many messages the outbox routes list at most (newest first). */
export const OUTBOX_LIST_LIMIT = 200

/** The dev outbox table (migration 2). */
export interface OutboxRepo {
  add(message: OutgoingMessage): Promise<OutboxMessageJSON>
  /** Newest first; `to` filters by recipient (case-insensitive). */
  list(filter?: { to?: string | undefined }): Promise<OutboxMessageJSON[]>
}

/** Binds the outbox to `q`. */
export function outboxRepo(q: Queryable, now: () => number): OutboxRepo {
  return {
    async add(message) {
      const row: OutboxMessageJSON = {
        id: `msg_${randomBase62(27)}`,
        channel: message.channel,
        to: message.to,
        subject: message.subject,
        text: message.text,
        code: message.code,
        link: message.link,
        created_at: now(),
      }
      await q.query(
        `INSERT INTO outbox (id, channel, to_address, subject, body, code, link, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [row.id, row.channel, row.to, row.subject, row.text, row.code, row.link, row.created_at],
      )
      return row
    },
    async list(filter = {}) {
      const params: unknown[] = [OUTBOX_LIST_LIMIT]
      let where = ''
      if (filter.to !== undefined) {
        params.push(filter.to)
        where = 'WHERE lower(to_address) = lower($2)'
      }
      const { rows } = await q.query(
        `SELECT id, channel, to_address, subject, body, code, link, created_at FROM outbox ${where}
         ORDER BY created_at DESC, seq DESC LIMIT $1`,
        params,
      )
      return rows.map((r) => ({
        id: r.id as string,
        channel: r.channel as Channel,
        to: r.to_address as string,
        subject: (r.subject as string | null) ?? null,
        text: r.body as string,
        code: (r.code as string | null) ?? null,
        link: (r.link as string | null) ?? null,
        created_at: ms(r.created_at),
      }))
    },
  }
}

/**
 * The development delivery: every message is stored in the outbox table (so every instance on the
 * database shows it at /dev/outbox) and handed to `onMessage` (the CLI prints it).
 */
export function devOutboxDelivery(outbox: OutboxRepo, onMessage?: (message: OutboxMessageJSON) => void): Delivery {
  return {
    channels: ['email', 'sms'],
    async send(message) {
      const stored = await outbox.add(message)
      onMessage?.(stored)
    },
  }
}

/** One console line for a dev message: who, what, and the code or link to use. */
export function formatDevMessage(message: OutboxMessageJSON): string {
  const what = message.code ? `code ${message.code}` : message.link ? `link ${message.link}` : (message.subject ?? message.text)
  return `[dev outbox] ${message.channel} to ${message.to}: ${what}`
}
