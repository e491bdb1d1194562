/**
 * The delivery seam: how verification codes and links leave the server. The core only knows this
 * interface; the dev outbox (database) is built in, SMTP and the SMS webhook are Node adapters
 * (under the node adapters folder) plugged in at start-up.
 */

/** The two ways a message can travel. */
export type Channel = 'email' | 'sms'

/** One message to send, already rendered from the catalog (server/delivery/messages.ts). */
export interface OutgoingMessage {
  channel: Channel
  /** An email address, or a phone number in E.164. */
  to: string
  /** The email subject; `null` for SMS. */
  subject: string | null
  /** The plain-text body. */
  text: string
  /** The verification code the message carries, if any (the dev outbox shows it on its own). */
  code: string | null
  /** The verification link the message carries, if any. */
  link: string | null
}

/** A way to send messages on some channels. */
export interface Delivery {
  /** The channels this delivery can send on; the others are unavailable (or go to the dev outbox in development). */
  readonly channels: readonly Channel[]
  /** Sends one message; rejects when the message could not be handed over (the route answers 502). */
  send(message: OutgoingMessage): Promise<void>
}

/**
 * One delivery out of several, each message going to the first that handles its channel
 * (e.g. SMTP for email plus a webhook for SMS).
 */
export function combineDeliveries(...deliveries: readonly Delivery[]): Delivery {
  const channels = [...new Set(deliveries.flatMap((d) => d.channels))]
  return {
    channels,
    async send(message) {
      const target = deliveries.find((d) => d.channels.includes(message.channel))
      if (!target) throw new Error(`userkit: no delivery for the ${message.channel} channel`)
      await target.send(message)
    },
  }
}
