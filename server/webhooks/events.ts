import type { WebhookEventType } from '../../src/wire/index.ts'
import type { Change, ChangeListener, SentMessage } from '../changes.ts'
import { escapeHtml } from '../delivery/html.ts'
import { randomBase62 } from '../ids.ts'
import type { RequestScope } from '../request-scope.ts'
import { backendSessionJSON, backendUserJSON, deletedJSON } from '../serialize/backend.ts'
import type { Repos } from '../storage/store.ts'

/** What the events of one server are built with. */
export interface EventContext {
  /** The public URL's origin: image URLs in the user JSON point there. */
  publicUrl: string
  /** This installation's `ins_…` id, kept in the database. */
  instanceId: string
  now: () => number
  requestScope: RequestScope | undefined
  /** Told after a transaction wrote events, so the sender starts at once. */
  wake: () => void
}

/**
 * The outbox writer: for each change of a transaction, when some enabled endpoint wants its type,
 * the event's body (Clerk's: `{data, object: "event", type, timestamp, instance_id,
 * event_attributes}`, `data` being the Backend API's JSON) and one delivery per such endpoint are
 * written in that same transaction. A change no endpoint wants writes nothing.
 */
export function webhookListener(ctx: EventContext): ChangeListener {
  return {
    async inTransaction(changes, tx) {
      const endpoints = await tx.webhooks.enabledEndpoints()
      if (endpoints.length === 0) return false
      let wrote = false
      const info = ctx.requestScope?.getStore()
      for (const change of changes) {
        const to = endpoints.filter((e) => e.eventTypes.length === 0 || e.eventTypes.includes(change.type)).map((e) => e.id)
        if (to.length === 0) continue
        const built = await eventData(ctx, change, tx)
        if (!built) continue
        const body = JSON.stringify({
          data: built.data,
          event_attributes: { http_request: { client_ip: info?.clientIp ?? '', user_agent: info?.userAgent ?? '' } },
          instance_id: ctx.instanceId,
          object: 'event',
          timestamp: ctx.now(),
          type: change.type satisfies WebhookEventType,
        })
        await tx.webhooks.enqueue({ id: `msg_${randomBase62(27)}`, type: change.type, body, orderKey: built.orderKey }, to)
        wrote = true
      }
      return wrote
    },
    afterCommit: () => ctx.wake(),
  }
}

/** The event's `data` and the user it is about (its order key); `null` when the object is gone already. */
async function eventData(ctx: EventContext, change: Change, tx: Repos): Promise<{ data: unknown; orderKey: string } | null> {
  switch (change.type) {
    case 'user.created':
    case 'user.updated': {
      const user = await tx.users.get(change.id)
      if (!user) return null
      const privates = await tx.users.privateMetadata([user.id])
      return { data: backendUserJSON({ origin: ctx.publicUrl }, user, privates.get(user.id) ?? {}), orderKey: user.id }
    }
    case 'user.deleted':
      return { data: deletedJSON('user', change.id), orderKey: change.id }
    case 'session.created':
    case 'session.ended':
    case 'session.removed':
    case 'session.revoked': {
      const session = await tx.sessions.get(change.id)
      return session ? { data: backendSessionJSON(session), orderKey: session.userId } : null
    }
    case 'email.created':
    case 'sms.created':
      return change.message ? { data: messageJSON(change.id, change.message, ctx.now()), orderKey: change.message.userId ?? change.id } : null
  }
}

/** Clerk's `Email` or `SMSMessage` object, with the text an app needs to send it itself. */
function messageJSON(id: string, m: SentMessage, at: number) {
  const common = { id, slug: m.slug, user_id: m.userId, status: 'queued', delivered_by_clerk: m.deliveredByServer, data: {}, created_at: at }
  if (m.channel === 'email') {
    return {
      object: 'email',
      ...common,
      from_email_name: '',
      to_email_address: m.to,
      email_address_id: m.identificationId,
      subject: m.subject ?? '',
      body: escapeHtml(m.text).replace(/\n/g, '<br>'),
      body_plain: m.text,
    }
  }
  return { object: 'sms_message', ...common, from_phone_number: '', to_phone_number: m.to, phone_number_id: m.identificationId, message: m.text }
}
