import type { Database, Queryable } from './database.ts'
import { databaseBlobStore, type BlobStore } from './blobs.ts'
import { dashboardSessionsRepo, type DashboardSessionLifetime, type DashboardSessionRepo } from './dashboard-sessions.ts'
import { externalAccountsRepo, type ExternalAccountRepo } from './external-accounts.ts'
import { handshakeNoncesRepo, type HandshakeNonceRepo } from './handshake-nonces.ts'
import { identificationsRepo, type IdentificationRepo } from './identifications.ts'
import { oauthStatesRepo, type OAuthStateRepo } from './oauth-states.ts'
import { outboxRepo, type OutboxRepo } from './outbox.ts'
import { rateLimitsRepo, type RateLimitRepo } from './rate-limits.ts'
import { sessionsRepo, type SessionLifetime, type SessionRepo } from './sessions.ts'
import { settingsRepo, type SettingsRepo } from './settings.ts'
import { signingKeysRepo, type SigningKeyRepo } from './signing-keys.ts'
import { usersRepo, type UserRepo } from './users.ts'
import { webhooksRepo, type WebhookRepo } from './webhooks.ts'

/** The repositories, bound to the database or to one transaction: one per table or two close ones. */
export interface Repos {
  users: UserRepo
  identifications: IdentificationRepo
  externalAccounts: ExternalAccountRepo
  oauthStates: OAuthStateRepo
  /** Clients and their sessions. */
  sessions: SessionRepo
  settings: SettingsRepo
  rateLimits: RateLimitRepo
  blobs: BlobStore
  outbox: OutboxRepo
  dashboardSessions: DashboardSessionRepo
  signingKeys: SigningKeyRepo
  handshakeNonces: HandshakeNonceRepo
  /** Webhook endpoints, the event outbox and its deliveries. */
  webhooks: WebhookRepo
}

/**
 * Storage as the rest of the server sees it: repositories, and a way to run several in one
 * transaction. The database handle itself stays here; no SQL is written outside server/storage.
 */
export interface Store extends Repos {
  /** Runs `fn` with repositories bound to one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>
}

export interface StoreOptions {
  now: () => number
  sessionLifetime: SessionLifetime
  dashboardLifetime: DashboardSessionLifetime
}

function repos(q: Queryable, { now, sessionLifetime, dashboardLifetime }: StoreOptions): Repos {
  return {
    users: usersRepo(q, now),
    identifications: identificationsRepo(q, now),
    externalAccounts: externalAccountsRepo(q, now),
    oauthStates: oauthStatesRepo(q, now),
    sessions: sessionsRepo(q, now, sessionLifetime),
    settings: settingsRepo(q),
    rateLimits: rateLimitsRepo(q, now),
    blobs: databaseBlobStore(q, now),
    outbox: outboxRepo(q, now),
    dashboardSessions: dashboardSessionsRepo(q, now, dashboardLifetime),
    signingKeys: signingKeysRepo(q),
    handshakeNonces: handshakeNoncesRepo(q),
    webhooks: webhooksRepo(q, now),
  }
}

/** Binds the repositories to `db`. */
export function createStore(db: Database, options: StoreOptions): Store {
  return {
    ...repos(db, options),
    transaction: (fn) => db.transaction((tx) => fn(repos(tx, options))),
  }
}
