import type { Queryable } from './database.ts'
import { randomBase62 } from '../ids.ts'
import { ms, msOrNull } from './records.ts'

/** One signing secret of an endpoint: `whsec_…` (or its ciphertext), and when a replaced one stops signing. */
export interface StoredSecret {
  secret: string
  expireAt: number | null
}

/** A webhook endpoint (`ep_…`). */
export interface WebhookEndpointRecord {
  id: string
  source: 'api' | 'environment'
  url: string
  description: string
  /** Empty: every event type. */
  eventTypes: string[]
  /** The current secret first. */
  secrets: StoredSecret[]
  disabledReason: 'manual' | 'failing' | null
  failingSince: number | null
  createdAt: number
  updatedAt: number
}

/** What an endpoint update may change. */
export interface EndpointChanges {
  url?: string
  description?: string
  eventTypes?: string[]
  secrets?: StoredSecret[]
  disabledReason?: 'manual' | 'failing' | null
}

/** An event for the outbox: its id (the `svix-id`), type, signed body, and the user it is about. */
export interface NewWebhookEvent {
  id: string
  type: string
  body: string
  orderKey: string
}

/** A delivery taken by one sender for the length of its lease, with what sending it needs. */
export interface ClaimedDelivery {
  id: string
  attempts: number
  eventId: string
  eventType: string
  body: string
  eventCreatedAt: number
  endpointId: string
  endpointSource: 'api' | 'environment'
  url: string
  secrets: StoredSecret[]
}

/** A delivery as the Backend API lists it. */
export interface WebhookDeliveryRecord {
  id: string
  endpointId: string
  eventId: string
  eventType: string
  status: 'pending' | 'succeeded' | 'failed'
  attempts: number
  responseStatus: number | null
  error: string | null
  nextAttemptAt: number | null
  lastAttemptAt: number | null
  createdAt: number
}

/** How one attempt ended, as the sender records it. */
export interface AttemptResult {
  status: 'pending' | 'succeeded' | 'failed'
  attempts: number
  nextAttemptAt: number | null
  responseStatus: number | null
  error: string | null
}

/** Endpoints, the event outbox and its deliveries (three close tables). */
export interface WebhookRepo {
  /** Every endpoint, newest first. */
  listEndpoints(): Promise<WebhookEndpointRecord[]>
  getEndpoint(id: string): Promise<WebhookEndpointRecord | null>
  insertEndpoint(endpoint: Omit<WebhookEndpointRecord, 'createdAt' | 'updatedAt' | 'failingSince'>): Promise<WebhookEndpointRecord>
  /** Writes the given fields (re-enabling clears `failingSince`); `null` when there is no such endpoint. */
  updateEndpoint(id: string, changes: EndpointChanges): Promise<WebhookEndpointRecord | null>
  deleteEndpoint(id: string): Promise<boolean>
  /** The enabled endpoints' ids and event types: whom a new event goes to. */
  enabledEndpoints(): Promise<{ id: string; eventTypes: string[] }[]>
  /** Writes the event and one pending delivery per endpoint, due now. */
  enqueue(event: NewWebhookEvent, endpointIds: readonly string[]): Promise<void>
  /**
   * Takes up to `limit` due deliveries of enabled endpoints for this sender until `leaseUntil`,
   * oldest first, skipping rows another sender holds (`FOR UPDATE SKIP LOCKED`) and any delivery
   * behind an earlier one of the same user to the same endpoint that is due or being sent.
   */
  claim(limit: number, leaseUntil: number): Promise<ClaimedDelivery[]>
  /** Records an attempt and releases the lease. */
  recordAttempt(id: string, result: AttemptResult): Promise<void>
  /**
   * Notes an endpoint's answer: a success clears `failingSince`; a failure starts it, and disables
   * the endpoint (`failing`) once it has failed for `disableAfterMs` without a success. Answers
   * whether this call disabled it.
   */
  recordEndpointOutcome(id: string, ok: boolean, disableAfterMs: number): Promise<boolean>
  /** An endpoint's deliveries, newest first. */
  listDeliveries(endpointId: string, page: { limit: number; offset: number }): Promise<{ deliveries: WebhookDeliveryRecord[]; total: number }>
  /** A new pending delivery of the event of `deliveryId` to the same endpoint; `null` when it is not that endpoint's. */
  resend(endpointId: string, deliveryId: string, newId: string): Promise<WebhookDeliveryRecord | null>
  /** Ends an endpoint's pending deliveries as failed with `error` (it was disabled); answers how many. */
  failPending(endpointId: string, error: string): Promise<number>
  /** The earliest time a pending delivery of an enabled endpoint is due, or `null` when none is. */
  nextDue(): Promise<number | null>
  /** Deletes up to `limit` events created before `before` that nothing waits to send, with their deliveries; answers how many. */
  prune(before: number, limit: number): Promise<number>
}

const ENDPOINT_COLUMNS = 'id, source, url, description, event_types, secrets, disabled_reason, failing_since, created_at, updated_at'
const DELIVERY_COLUMNS = `d.id, d.endpoint_id, d.event_id, ev.type AS event_type, d.status, d.attempts, d.response_status,
  d.error, d.next_attempt_at, d.last_attempt_at, d.created_at`

const secretsJson = (secrets: readonly StoredSecret[]) => JSON.stringify(secrets.map((s) => ({ secret: s.secret, expire_at: s.expireAt })))

/** Binds the webhook queries to `q`. */
export function webhooksRepo(q: Queryable, now: () => number): WebhookRepo {
  return {
    async listEndpoints() {
      const { rows } = await q.query(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY seq DESC`)
      return rows.map(toEndpoint)
    },
    async getEndpoint(id) {
      const { rows } = await q.query(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`, [id])
      return rows[0] ? toEndpoint(rows[0]) : null
    },
    async insertEndpoint(e) {
      const at = now()
      const { rows } = await q.query(
        `INSERT INTO webhook_endpoints (id, source, url, description, event_types, secrets, disabled_reason, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $8) RETURNING ${ENDPOINT_COLUMNS}`,
        [e.id, e.source, e.url, e.description, JSON.stringify(e.eventTypes), secretsJson(e.secrets), e.disabledReason, at],
      )
      return toEndpoint(rows[0] as Record<string, unknown>)
    },
    async updateEndpoint(id, changes) {
      const sets: string[] = []
      const params: unknown[] = [id, now()]
      const set = (column: string, value: unknown, cast = '') => sets.push(`${column} = $${params.push(value)}${cast}`)
      if (changes.url !== undefined) set('url', changes.url)
      if (changes.description !== undefined) set('description', changes.description)
      if (changes.eventTypes !== undefined) set('event_types', JSON.stringify(changes.eventTypes), '::jsonb')
      if (changes.secrets !== undefined) set('secrets', secretsJson(changes.secrets), '::jsonb')
      if (changes.disabledReason !== undefined) {
        set('disabled_reason', changes.disabledReason)
        if (changes.disabledReason === null) sets.push('failing_since = NULL')
      }
      const { rows } = await q.query(
        `UPDATE webhook_endpoints SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
        params,
      )
      return rows[0] ? toEndpoint(rows[0]) : null
    },
    async deleteEndpoint(id) {
      const { rows } = await q.query('DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id', [id])
      return rows.length > 0
    },
    async enabledEndpoints() {
      const { rows } = await q.query('SELECT id, event_types FROM webhook_endpoints WHERE disabled_reason IS NULL ORDER BY seq')
      return rows.map((r) => ({ id: r.id as string, eventTypes: r.event_types as string[] }))
    },
    async enqueue(event, endpointIds) {
      const at = now()
      await q.query('INSERT INTO webhook_events (id, type, body, created_at) VALUES ($1, $2, $3, $4)', [event.id, event.type, event.body, at])
      await q.query(
        `INSERT INTO webhook_deliveries (id, event_id, endpoint_id, order_key, status, next_attempt_at, created_at)
         SELECT d.id, $1, d.endpoint_id, $2, 'pending', $3, $3 FROM unnest($4::text[], $5::text[]) AS d(id, endpoint_id)`,
        [event.id, event.orderKey, at, endpointIds.map(() => newDeliveryId()), endpointIds],
      )
    },
    async claim(limit, leaseUntil) {
      const { rows } = await q.query(
        `WITH due AS (
           SELECT d.id FROM webhook_deliveries d
           JOIN webhook_endpoints ep ON ep.id = d.endpoint_id AND ep.disabled_reason IS NULL
           WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.locked_until IS NULL OR d.locked_until <= $1)
             AND NOT EXISTS (
               SELECT 1 FROM webhook_deliveries p
               WHERE p.endpoint_id = d.endpoint_id AND p.order_key = d.order_key AND p.status = 'pending' AND p.seq < d.seq
                 AND (p.next_attempt_at <= $1 OR p.locked_until > $1))
           ORDER BY d.seq LIMIT $2
           FOR UPDATE OF d SKIP LOCKED
         )
         UPDATE webhook_deliveries w SET locked_until = $3
         FROM due, webhook_events ev, webhook_endpoints ep
         WHERE w.id = due.id AND ev.id = w.event_id AND ep.id = w.endpoint_id
         RETURNING w.id, w.seq, w.attempts, ev.id AS event_id, ev.type AS event_type, ev.body, ev.created_at AS event_created_at,
           ep.id AS endpoint_id, ep.source, ep.url, ep.secrets`,
        [now(), limit, leaseUntil],
      )
      return rows
        .sort((a, b) => ms(a.seq) - ms(b.seq))
        .map((r) => ({
          id: r.id as string,
          attempts: Number(r.attempts),
          eventId: r.event_id as string,
          eventType: r.event_type as string,
          body: r.body as string,
          eventCreatedAt: ms(r.event_created_at),
          endpointId: r.endpoint_id as string,
          endpointSource: r.source as 'api' | 'environment',
          url: r.url as string,
          secrets: toSecrets(r.secrets),
        }))
    },
    async recordAttempt(id, result) {
      // A retry for an endpoint disabled while this attempt was in flight fails instead: disabling
      // fails what is pending, and an attempt that ends after it must not bring a delivery back.
      await q.query(
        `UPDATE webhook_deliveries d SET status = CASE WHEN o.off THEN 'failed' ELSE $2 END,
           next_attempt_at = CASE WHEN o.off THEN NULL ELSE $4::bigint END,
           attempts = $3, response_status = $5, error = $6, last_attempt_at = $7, locked_until = NULL
         FROM (SELECT $2 = 'pending' AND EXISTS (
                 SELECT 1 FROM webhook_deliveries x JOIN webhook_endpoints ep ON ep.id = x.endpoint_id
                 WHERE x.id = $1 AND ep.disabled_reason IS NOT NULL) AS off) o
         WHERE d.id = $1`,
        [id, result.status, result.attempts, result.nextAttemptAt, result.responseStatus, result.error, now()],
      )
    },
    async recordEndpointOutcome(id, ok, disableAfterMs) {
      if (ok) {
        await q.query('UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL', [id])
        return false
      }
      await q.query('UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1 AND failing_since IS NULL', [id, now()])
      const { rows } = await q.query(
        `UPDATE webhook_endpoints SET disabled_reason = 'failing', updated_at = $2
         WHERE id = $1 AND disabled_reason IS NULL AND $2 - failing_since >= $3 RETURNING id`,
        [id, now(), disableAfterMs],
      )
      return rows.length > 0
    },
    async listDeliveries(endpointId, page) {
      const [list, count] = await Promise.all([
        q.query(
          `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
           WHERE d.endpoint_id = $1 ORDER BY d.seq DESC LIMIT $2 OFFSET $3`,
          [endpointId, page.limit, page.offset],
        ),
        q.query('SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = $1', [endpointId]),
      ])
      return { deliveries: list.rows.map(toDelivery), total: Number(count.rows[0]?.n ?? 0) }
    },
    async resend(endpointId, deliveryId, newId) {
      const at = now()
      const { rows } = await q.query(
        `INSERT INTO webhook_deliveries (id, event_id, endpoint_id, order_key, status, next_attempt_at, created_at)
         SELECT $3, event_id, endpoint_id, order_key, 'pending', $4, $4 FROM webhook_deliveries WHERE id = $2 AND endpoint_id = $1
         RETURNING id`,
        [endpointId, deliveryId, newId, at],
      )
      if (rows.length === 0) return null
      const read = await q.query(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id WHERE d.id = $1`, [newId])
      return toDelivery(read.rows[0] as Record<string, unknown>)
    },
    async failPending(endpointId, error) {
      const { rows } = await q.query(
        `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, locked_until = NULL, error = $2
         WHERE endpoint_id = $1 AND status = 'pending' RETURNING id`,
        [endpointId, error],
      )
      return rows.length
    },
    async prune(before, limit) {
      const { rows } = await q.query(
        `DELETE FROM webhook_events WHERE id IN (
           SELECT e.id FROM webhook_events e WHERE e.created_at < $1
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
           ORDER BY e.created_at LIMIT $2)
         RETURNING id`,
        [before, limit],
      )
      return rows.length
    },
    async nextDue() {
      const { rows } = await q.query(
        `SELECT min(d.next_attempt_at) AS at FROM webhook_deliveries d
         JOIN webhook_endpoints ep ON ep.id = d.endpoint_id AND ep.disabled_reason IS NULL WHERE d.status = 'pending'`,
      )
      return msOrNull(rows[0]?.at)
    },
  }
}

/** A delivery id (`whd_…`). */
export const newDeliveryId = () => `whd_${randomBase62(27)}`

function toSecrets(value: unknown): StoredSecret[] {
  return (value as { secret: string; expire_at: unknown }[]).map((s) => ({ secret: s.secret, expireAt: msOrNull(s.expire_at) }))
}

/** The row mapper of `webhook_endpoints`. */
function toEndpoint(row: Record<string, unknown>): WebhookEndpointRecord {
  return {
    id: row.id as string,
    source: row.source as 'api' | 'environment',
    url: row.url as string,
    description: row.description as string,
    eventTypes: row.event_types as string[],
    secrets: toSecrets(row.secrets),
    disabledReason: (row.disabled_reason as 'manual' | 'failing' | null) ?? null,
    failingSince: msOrNull(row.failing_since),
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
  }
}

/** The row mapper of `webhook_deliveries` joined with its event's type. */
function toDelivery(row: Record<string, unknown>): WebhookDeliveryRecord {
  return {
    id: row.id as string,
    endpointId: row.endpoint_id as string,
    eventId: row.event_id as string,
    eventType: row.event_type as string,
    status: row.status as WebhookDeliveryRecord['status'],
    attempts: Number(row.attempts),
    responseStatus: row.response_status === null || row.response_status === undefined ? null : Number(row.response_status),
    error: (row.error as string | null) ?? null,
    nextAttemptAt: msOrNull(row.next_attempt_at),
    lastAttemptAt: msOrNull(row.last_attempt_at),
    createdAt: ms(row.created_at),
  }
}
