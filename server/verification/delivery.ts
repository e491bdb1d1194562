import { devOutboxDelivery } from '../delivery/dev-outbox.ts'
import type { Channel, Delivery } from '../delivery/types.ts'
import type { ResolvedOptions } from '../options.ts'
import type { Store } from '../storage/store.ts'

/**
 * Whether the server can send on `channel`: the configured delivery handles it, or this is a
 * development server, whose dev outbox takes every channel the delivery does not.
 */
export function canSend(options: ResolvedOptions, channel: Channel): boolean {
  return options.env === 'development' || (options.delivery?.channels.includes(channel) ?? false)
}

/** The delivery for `channel`, or `null` when the server cannot send on it. */
export function senderFor(ctx: { options: ResolvedOptions; store: Store }, channel: Channel): Delivery | null {
  const { delivery, env, onDevMessage } = ctx.options
  if (delivery?.channels.includes(channel)) return delivery
  if (env === 'development') return devOutboxDelivery(ctx.store.outbox, onDevMessage)
  return null
}

/** The verification strategies `/v1/environment` reports for emails. */
export function emailStrategies(options: ResolvedOptions): string[] {
  return canSend(options, 'email') ? ['email_code', 'email_link'] : []
}

/** The verification strategies `/v1/environment` reports for phone numbers (none: phones are off). */
export function phoneStrategies(options: ResolvedOptions): string[] {
  return canSend(options, 'sms') ? ['phone_code'] : []
}
