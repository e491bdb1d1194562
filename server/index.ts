/**
 * `userkit/server`: create the userkit server inside your own app. Web-standard APIs only; for the
 * Node-specific pieces (listening on a port, node:crypto scrypt) see `server/node`.
 */
export { createUserkitServer, type UserkitServer, type UserkitStore } from './app.ts'
export { ApiError, type ApiErrorOptions } from './errors.ts'
export { defaultMessages, type MessageCatalog } from './delivery/messages.ts'
export type { OutboxMessageJSON } from './delivery/outbox.ts'
export { combineDeliveries, type Channel, type Delivery, type OutgoingMessage } from './delivery/types.ts'
export { createInProcessFetch, type InProcessBindings, type InProcessFetchOptions } from './in-process.ts'
export {
  DEFAULT_RATE_LIMITS,
  type RateLimitRule,
  type RateLimits,
  type ResolvedOptions,
  type UserkitServerOptions,
} from './options.ts'
export { DEFAULT_SCRYPT, scryptHasher, type PasswordHasher, type ScryptParams } from './password.ts'
export {
  OAUTH_PRESETS,
  oauthProvidersFromEnv,
  type OAuthOptions,
  type OAuthProviderConfig,
} from './oauth/config.ts'
export { generateEncryptionKey } from './oauth/crypto.ts'
export type { CreateUserInput } from './seed.ts'
export type { BlobStore, StoredBlob } from './storage/blobs.ts'
export type { Database, Queryable } from './storage/database.ts'
export { migrate } from './storage/migrations.ts'
export { pgliteDatabase } from './storage/pglite.ts'
export type { ClientRecord, IdentificationRecord, SessionRecord, UserRecord } from './storage/records.ts'
export type { SessionLifetime } from './storage/sessions.ts'
export type { Repos, Store } from './storage/store.ts'
