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

/** One change of a user or a session: its type and the id of the user or session. */
export interface Change {
  type: ChangeType
  id: string
}

/**
 * Called once per change, inside the transaction that makes it, after the domain's own writes:
 * `tx` sees the change, and a throw rolls the change back (so an outbox row written here can never
 * exist without its change, nor the change without it).
 */
export type ChangeHook = (change: Change, tx: Repos) => void | Promise<void>

/** Repositories bound to the transaction, plus the one way to record a change. */
export interface WriteTx extends Repos {
  /** Records a change; the same change recorded twice in one transaction counts once. */
  changed(type: ChangeType, id: string): void
}

/** Runs `fn` in one transaction and reports the changes it recorded before committing. */
export type Write = <T>(fn: (tx: WriteTx) => Promise<T>) => Promise<T>

/**
 * The single point every change of a user or a session passes through: the domain writes only
 * inside `write(fn)`, records what it changed with `tx.changed()`, and the hook hears each change
 * exactly once, inside the same transaction. A user created or deleted in a transaction is not also
 * reported as updated there.
 */
export function changeWriter(store: Store, hook?: ChangeHook): Write {
  return (fn) =>
    store.transaction(async (repos) => {
      const changes: Change[] = []
      const tx: WriteTx = {
        ...repos,
        changed(type, id) {
          if (!changes.some((c) => c.type === type && c.id === id)) changes.push({ type, id })
        },
      }
      const result = await fn(tx)
      if (hook) for (const change of settle(changes)) await hook(change, repos)
      return result
    })
}

/** Drops `user.updated` for a user the same transaction created or deleted. */
function settle(changes: readonly Change[]): Change[] {
  const whole = new Set(changes.filter((c) => c.type === 'user.created' || c.type === 'user.deleted').map((c) => c.id))
  return changes.filter((c) => !(c.type === 'user.updated' && whole.has(c.id)))
}
