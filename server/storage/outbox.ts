import type { Channel, OutgoingMessage } from '../delivery/types.ts'
import { randomBase62 } from '../ids.ts'
import type { Queryable } from './database.ts'
import { ms } from './records.ts'

/** A message the development server "sent", as the dev outbox keeps it. */
export interface OutboxRecord extends OutgoingMessage {
  id: string
  createdAt: number
}

/** How many messages a listing answers at most (newest first). */
export const OUTBOX_LIST_LIMIT = 200

/**
 * The dev outbox table. Only a development server writes here; it keeps codes in clear text
 * because showing them is its job (pending codes and link tokens live hashed on identifications).
 */
export interface OutboxRepo {
  add(message: OutgoingMessage): Promise<OutboxRecord>
  /** Newest first; `to` filters by recipient (case-insensitive). */
  list(filter?: { to?: string | undefined }): Promise<OutboxRecord[]>
}

/** Binds the outbox to `q`. */
export function outboxRepo(q: Queryable, now: () => number): OutboxRepo {
  return {
    async add(message) {
      const record: OutboxRecord = { ...message, id: `msg_${randomBase62(27)}`, createdAt: now() }
      await q.query(
        `INSERT INTO outbox (id, channel, to_address, subject, body, code, link, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [record.id, record.channel, record.to, record.subject, record.text, record.code, record.link, record.createdAt],
      )
      return record
    },
    async list(filter = {}) {
      const params: unknown[] = [OUTBOX_LIST_LIMIT]
      const where = filter.to === undefined ? '' : `WHERE lower(to_address) = lower($${params.push(filter.to)})`
      const { rows } = await q.query(
        `SELECT id, channel, to_address, subject, body, code, link, created_at FROM outbox ${where}
         ORDER BY created_at DESC, seq DESC LIMIT $1`,
        params,
      )
      return rows.map(toOutboxRecord)
    },
  }
}

/** The row mapper of `outbox`. */
function toOutboxRecord(row: Record<string, unknown>): OutboxRecord {
  return {
    id: row.id as string,
    channel: row.channel as Channel,
    to: row.to_address as string,
    subject: (row.subject as string | null) ?? null,
    text: row.body as string,
    code: (row.code as string | null) ?? null,
    link: (row.link as string | null) ?? null,
    createdAt: ms(row.created_at),
  }
}
