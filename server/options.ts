import type { Context } from 'hono'
import type { OutboxMessageJSON } from '../src/wire/index.ts'
import type { ChangeHook } from './changes.ts'
import type { MessageCatalog } from './delivery/messages.ts'
import type { Delivery } from './delivery/types.ts'
import type { OAuthOptions } from './oauth/config.ts'
import type { PasswordHasher } from './password.ts'
import type { RequestScope } from './request-scope.ts'
import type { WebhookTransport } from './webhooks/transport.ts'
import type { Database } from './storage/database.ts'
import type { SessionLifetime } from './storage/sessions.ts'

/** One fixed-window rate limit. */
export interface RateLimitRule {
  /** Events allowed per window. */
  max: number
  /** Window length in milliseconds. */
  windowMs: number
}

/** The server's rate limits; tests lower them. */
export interface RateLimits {
  /** Failed sign-ins per identifier (email or username, case-insensitive). Default 10 per 10 minutes. */
  signInPerIdentifier: RateLimitRule
  /** Failed sign-ins per client IP. Default 50 per 10 minutes. */
  signInPerIp: RateLimitRule
  /** Verification codes or links prepared per email address or phone number. Default 3 per minute. */
  verificationPreparePerIdentifier: RateLimitRule
  /** Verification codes or links one user may have sent, all their addresses together. Default 30 per hour. */
  verificationPreparePerUser: RateLimitRule
  /** Failed sign-ins to the users dashboard per client IP. Default 10 per 10 minutes. */
  dashboardSignInPerIp: RateLimitRule
  /** Session tokens one session may ask for (`POST /v1/client/sessions/{id}/tokens`). Default 120 per minute. */
  tokenMintPerSession: RateLimitRule
}

/** Session token settings. */
export interface SessionTokenOptions {
  /** How long a token lives, in seconds. Default 60. */
  lifetimeSeconds: number
  /** `nbf` is this many seconds before `iat`, for verifiers whose clock runs behind. Default 10. */
  clockSkewSeconds: number
}

/** Webhooks: the environment's endpoint, and how deliveries are sent. */
export interface WebhookOptions {
  /**
   * One endpoint for every event type (`USERKIT_WEBHOOK_URL`, `USERKIT_WEBHOOK_SECRET`): the
   * operator's own choice, so it may be on a private address. Default: none.
   */
  endpoint?: { url: string; secret: string } | undefined
  /** How a delivery is sent. Default: `fetch`; the Node adapter plugs one that checks addresses after DNS. */
  transport?: WebhookTransport
  /**
   * Let endpoints added through the API reach loopback and private addresses. Default: `true` in
   * development, `false` in production (no request forgery against the server's own network).
   */
  allowPrivateNetwork?: boolean
  /** How long a receiver has to answer, in milliseconds. Default 15,000. */
  timeoutMs?: number
  /** How often to look for due deliveries (retries, other instances' work). 0 turns the loop off. Default 1,000. */
  pollIntervalMs?: number
}

/** The rate limits used when the options do not override them. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInPerIdentifier: { max: 10, windowMs: 10 * 60_000 },
  signInPerIp: { max: 50, windowMs: 10 * 60_000 },
  verificationPreparePerIdentifier: { max: 3, windowMs: 60_000 },
  verificationPreparePerUser: { max: 30, windowMs: 60 * 60_000 },
  dashboardSignInPerIp: { max: 10, windowMs: 10 * 60_000 },
  tokenMintPerSession: { max: 120, windowMs: 60_000 },
}

/** Options of `createUserkitServer`. Only `database` is required. */
export interface UserkitServerOptions {
  /**
   * Where all state lives: `pgliteDatabase(pglite)`, or `postgresDatabase(pool)` from
   * `@userkit/server/node`. The server migrates it and closes it on `close()`.
   */
  database: Database
  /**
   * `'development'` turns on what must never run in production: the dev outbox (every code and
   * link readable at `/dev/outbox.json`) and, in the Node adapter, the demo user. Default `'production'`.
   */
  env?: 'development' | 'production'
  /** The Backend API key. Default: generated once (`sk_test_…`, `sk_live_…` in production) and kept in the database. */
  secretKey?: string
  /**
   * The URL browsers reach this server at (`USERKIT_PUBLIC_URL`): the session tokens' `iss`, the
   * publishable key, the handshake's address. Never taken from a request's Host header. Required
   * in production; default in development `http://127.0.0.1:4000`. Its host needs a dot (Clerk's
   * SDKs refuse `localhost`: use `127.0.0.1`).
   */
  publicUrl?: string
  /** Session token lifetime and clock skew. Default 60 s and 10 s. */
  sessionToken?: Partial<SessionTokenOptions>
  /**
   * 32 random bytes as base64url (`USERKIT_ENCRYPTION_KEY`) that encrypt what the database keeps
   * secret: OAuth tokens and the session-token signing keys (AES-GCM). Default: none (OAuth then
   * uses a key generated in development; signing keys are stored unencrypted).
   */
  encryptionKey?: string
  /** Origins besides the server's own (taken from the request URL) that may call the Frontend API. Default none. */
  allowedOrigins?: readonly string[]
  /** Default: scrypt (N = 2^15) from @noble/hashes; the Node CLI plugs node:crypto's scrypt. */
  passwordHasher?: PasswordHasher
  /** Overrides of the default rate limits. */
  rateLimits?: Partial<RateLimits>
  /** Session lifetimes. Default 7 days of inactivity, 30 days at most. */
  sessionLifetime?: Partial<SessionLifetime>
  /** The clock (Unix ms), so tests can move time. Default `Date.now`. */
  now?: () => number
  /**
   * Trust `X-Forwarded-For` for the client IP (set it only behind a proxy that overwrites the
   * header; its last entry is used, which is the address the nearest proxy saw). Default `false`.
   */
  trustProxy?: boolean
  /** The connection's remote address when not behind a proxy; the Node adapter supplies it. Default: none (`'unknown'`). */
  getClientIp?: (c: Context) => string | undefined
  /** Shown by the kit (`display_config.application_name`). Default `'userkit'`. */
  applicationName?: string
  /**
   * How verification messages are sent (server/delivery/types.ts): SMTP and the SMS webhook from
   * `userkit/server/node`, or your own. Channels it lacks go to the dev outbox in development and
   * are unavailable in production. Default: the dev outbox in development, nothing in production.
   */
  delivery?: Delivery
  /** Called with each message the dev outbox stores (the CLI prints it). Default: none. */
  onDevMessage?: (message: OutboxMessageJSON) => void
  /** Overrides of the email and SMS templates (server/delivery/messages.ts). Default: English. */
  messages?: Partial<MessageCatalog>
  /** ISO 3166-1 alpha-2 country for phone numbers typed without `+` (`USERKIT_DEFAULT_COUNTRY`). Default `'US'`. */
  defaultPhoneCountry?: string
  /** Connected accounts: OAuth providers and the token encryption key (server/oauth/config.ts). Default: no providers. */
  oauth?: OAuthOptions
  /** An operator password that opens the users dashboard besides the secret key (`USERKIT_DASHBOARD_PASSWORD`). Default: none. */
  dashboardPassword?: string | undefined
  /**
   * Hears every change of a user or a session (`user.created`, `session.revoked` …), once each,
   * inside the transaction that makes it: a throw rolls the change back. Default: none.
   */
  onChange?: ChangeHook
  /** Webhook endpoints and delivery (server/webhooks). Default: endpoints only from the Backend API. */
  webhooks?: WebhookOptions
  /**
   * Carries each request's client IP and user agent to the webhook events it causes
   * (`new AsyncLocalStorage()` in Node; the Node adapter sets one). Default: none (empty strings).
   */
  requestScope?: RequestScope
}

/** The options with every default applied. */
export interface ResolvedOptions {
  env: 'development' | 'production'
  /** The public URL's origin. */
  publicUrl: string
  sessionToken: SessionTokenOptions
  encryptionKey: string | undefined
  allowedOrigins: ReadonlySet<string>
  rateLimits: RateLimits
  sessionLifetime: SessionLifetime
  now: () => number
  trustProxy: boolean
  getClientIp: ((c: Context) => string | undefined) | undefined
  applicationName: string
  delivery: Delivery | undefined
  onDevMessage: ((message: OutboxMessageJSON) => void) | undefined
  messages: MessageCatalog
  defaultPhoneCountry: string
  oauth: OAuthOptions
  webhooks: Required<Omit<WebhookOptions, 'endpoint'>> & Pick<WebhookOptions, 'endpoint'>
  requestScope: RequestScope | undefined
}

/** Normalises an origin (`HTTP://Example.com:80/` → `http://example.com`); `null` if it is not one. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value)
    return url.origin === 'null' ? null : url.origin
  } catch {
    return null
  }
}
