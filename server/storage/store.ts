import type { Database, Queryable } from './database.ts'
import { databaseBlobStore, type BlobStore } from './blobs.ts'
import { rateLimitsRepo, type RateLimitRepo } from './rate-limits.ts'
import { sessionsRepo, type SessionLifetime, type SessionRepo } from './sessions.ts'
import { settingsRepo, type SettingsRepo } from './settings.ts'
import { usersRepo, type UserRepo } from './users.ts'

/** The storage functions, bound to the database or to one transaction. */
export interface Repos {
  users: UserRepo
  sessions: SessionRepo
  settings: SettingsRepo
  rateLimits: RateLimitRepo
  blobs: BlobStore
}

/** Storage as the routes use it: the repositories, plus a way to run several in one transaction. */
export interface Store extends Repos {
  /** The raw database, for what the repositories do not cover (tests, migrations, later BAPI queries). */
  db: Database
  /** Runs `fn` with repositories bound to one transaction. */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>
}

export interface StoreOptions {
  now: () => number
  sessionLifetime: SessionLifetime
}

function repos(q: Queryable, { now, sessionLifetime }: StoreOptions): Repos {
  return {
    users: usersRepo(q, now),
    sessions: sessionsRepo(q, now, sessionLifetime),
    settings: settingsRepo(q),
    rateLimits: rateLimitsRepo(q, now),
    blobs: databaseBlobStore(q, now),
  }
}

/** Binds the repositories to `db`. */
export function createStore(db: Database, options: StoreOptions): Store {
  return {
    ...repos(db, options),
    db,
    transaction: (fn) => db.transaction((tx) => fn(repos(tx, options))),
  }
}
