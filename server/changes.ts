import type { Channel } from './delivery/types.ts'
import type { Repos, Store } from './storage/store.ts'

/** What changed, in the words of Clerk's webhook event types. */
export type ChangeType =
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'session.created'
  | 'session.ended'
  | 'session.removed'
  | 'session.revoked'
  | 'email.created'
  | 'sms.created'

/** A message userkit sends (a verification code or link), as `email.created` and `sms.created` describe it. */
export interface SentMessage {
  channel: Channel
  /** What the message is for, as Clerk's `slug` names it (`verification_code`, `magic_link_sign_up` …). */
  slug: string
  /** An email address, or a phone number in E.164. */
  to: string
  /** The email subject; `null` for SMS. */
  subject: string | null
  text: string
  userId: string | null
  /** The email address or phone number it was sent to, when it is one of a user's. */
  identificationId: string | null
  /** Whether userkit's own delivery sends it (`false`: the app delivers it, from the event). */
  deliveredByServer: boolean
}

/**
 * One change: its type and the id of the user, the session or the message. A message change
 * carries the message itself, which nothing else keeps.
 */
export interface Change {
  type: ChangeType
  id: string
  message?: SentMessage
}

/**
 * Called once per change, inside the transaction that makes it, after the domain's own writes:
 * `tx` sees the change, and a throw rolls the change back (so an outbox row written here can never
 * exist without its change, nor the change without it).
 */
export type ChangeHook = (change: Change, tx: Repos) => void | Promise<void>

/** A part of the server that hears every transaction's changes: webhooks, and the `onChange` option. */
export interface ChangeListener {
  /**
   * All the changes of one transaction, inside it, after the domain's writes; a throw rolls them
   * back. Answers `true` to be told (`afterCommit`) once the transaction has committed.
   */
  inTransaction(changes: readonly Change[], tx: Repos): Promise<boolean | void>
  /** After the transaction committed, when `inTransaction` asked for it. Must not throw. */
  afterCommit?(): void
}

/** Repositories bound to the transaction, plus the one way to record a change. */
export interface WriteTx extends Repos {
  /** Records a change; the same change recorded twice in one transaction counts once. */
  changed(type: ChangeType, id: string): void
  /** Records a message being sent (`email.created` or `sms.created`) under the id it got. */
  sent(id: string, message: SentMessage): void
}

/** Runs `fn` in one transaction and reports the changes it recorded before committing. */
export type Write = <T>(fn: (tx: WriteTx) => Promise<T>) => Promise<T>

/** The `onChange` option as a listener: the hook hears each change on its own. */
export function hookListener(hook: ChangeHook): ChangeListener {
  return {
    async inTransaction(changes, tx) {
      for (const change of changes) await hook(change, tx)
    },
  }
}

/**
 * The single point every change of a user or a session passes through: the domain writes only
 * inside `write(fn)`, records what it changed with `tx.changed()`, and each listener hears the
 * changes exactly once, inside the same transaction. A user created or deleted in a transaction is
 * not also reported as updated there.
 */
export function changeWriter(store: Store, listeners: readonly ChangeListener[] = []): Write {
  return async (fn) => {
    const toTell: ChangeListener[] = []
    const result = await store.transaction(async (repos) => {
      const changes: Change[] = []
      const tx: WriteTx = {
        ...repos,
        changed(type, id) {
          if (!changes.some((c) => c.type === type && c.id === id)) changes.push({ type, id })
        },
        sent(id, message) {
          changes.push({ type: message.channel === 'email' ? 'email.created' : 'sms.created', id, message })
        },
      }
      const result = await fn(tx)
      const settled = settle(changes)
      toTell.length = 0 // a retried transaction starts over
      if (settled.length > 0) for (const listener of listeners) if (await listener.inTransaction(settled, repos)) toTell.push(listener)
      return result
    })
    for (const listener of toTell) listener.afterCommit?.()
    return result
  }
}

/** Drops `user.updated` for a user the same transaction created or deleted. */
function settle(changes: readonly Change[]): Change[] {
  const whole = new Set(changes.filter((c) => c.type === 'user.created' || c.type === 'user.deleted').map((c) => c.id))
  return changes.filter((c) => !(c.type === 'user.updated' && whole.has(c.id)))
}
