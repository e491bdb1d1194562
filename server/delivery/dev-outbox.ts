import type { OutboxMessageJSON } from '../../src/wire/index.ts'
import type { OutboxRecord, OutboxRepo } from '../storage/outbox.ts'
import type { Delivery } from './types.ts'

/** A dev outbox message as `GET /dev/outbox.json` and the `onDevMessage` option see it. */
export function outboxMessageJSON(record: OutboxRecord): OutboxMessageJSON {
  const { id, channel, to, subject, text, code, link, createdAt } = record
  return { id, channel, to, subject, text, code, link, created_at: createdAt }
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
      onMessage?.(outboxMessageJSON(stored))
    },
  }
}

/** One console line for a dev message: who, what, and the code or link to use. */
export function formatDevMessage(message: OutboxMessageJSON): string {
  const what = message.code ? `code ${message.code}` : message.link ? `link ${message.link}` : (message.subject ?? message.text)
  return `[dev outbox] ${message.channel} to ${message.to}: ${what}`
}
