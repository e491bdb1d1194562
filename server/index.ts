/**
 * `@userkit/server`: the userkit server inside your own app. Web-standard APIs only (it also runs in
 * a browser page); the Node-only pieces (PostgreSQL, SMTP, the SMS webhook, listening on a port)
 * are in `@userkit/server/node`.
 */
export { createUserkitServer, type UserkitServer } from './app.ts'
export type { Change, ChangeHook, ChangeType } from './changes.ts'
export { ApiError, type ApiErrorOptions } from './errors.ts'
export { defaultMessages, type MessageCatalog } from './delivery/messages.ts'
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
export type { CreateUserInput } from './users/create.ts'
export type { BlobStore, StoredBlob } from './storage/blobs.ts'
export type { Database, Queryable } from './storage/database.ts'
export { migrate } from './storage/migrations/index.ts'
export { pgliteDatabase } from './storage/pglite.ts'
export type { ClientRecord, IdentificationRecord, SessionRecord, UserRecord } from './storage/records.ts'
export type { SessionLifetime } from './storage/sessions.ts'
export type { Repos, Store } from './storage/store.ts'
export type * from '../src/wire/index.ts'
export { ERROR_CODES, LINK_STATUS_PARAM, OAUTH_CALLBACK_PATH, OAUTH_ERROR_PARAM } from '../src/wire/index.ts'
