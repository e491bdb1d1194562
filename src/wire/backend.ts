/**
 * The Backend API's JSON (Clerk's, for users): bare objects and arrays, no envelope. Only the
 * app's own servers and the users dashboard read it; it is the one place `private_metadata` appears.
 */
import type { WEBHOOK_EVENT_TYPES } from './constants.ts'
import type { SessionStatus, UserJSON } from './frontend.ts'

/** The Backend API's user: the Frontend API's fields plus what only the app's own servers may read. */
export interface BackendUserJSON extends UserJSON {
  private_metadata: Record<string, unknown>
  /** Clerk's deprecated alias of `image_url`, still read by older SDKs. */
  profile_image_url: string
  organization_memberships: never[]
  deprovisioned: boolean
  bypass_client_trust: boolean
}

/** The Backend API's session: no embedded user (Clerk's schema has none). */
export interface BackendSessionJSON {
  object: 'session'
  id: string
  user_id: string
  client_id: string
  status: SessionStatus
  last_active_at: number
  expire_at: number
  abandon_at: number
  created_at: number
  updated_at: number
}

/** `GET /v1/users/count`. */
export interface TotalCountJSON {
  object: 'total_count'
  total_count: number
}

/** A page with its total (`GET /v1/sessions?paginated=true`). */
export interface PaginatedJSON<T> {
  data: T[]
  total_count: number
}

/** `POST /v1/users/{id}/verify_password`. */
export interface VerifiedPasswordJSON {
  verified: true
}

/** The operator's session in the users dashboard (`/dashboard/api/session`). */
export interface DashboardSessionJSON {
  object: 'dashboard_session'
  id: string
  expire_at: number
  created_at: number
}

/** A JSON Web Key Set (`GET /.well-known/jwks.json`, `GET /v1/jwks`): public RSA keys only. */
export interface JwksJSON {
  keys: { kid: string; kty: 'RSA'; use: 'sig'; alg: 'RS256'; n: string; e: string }[]
}

/** userkit's own Backend API extension `/v1/signing_keys`: the session-token keys, for the dashboard and operators. */
export interface SigningKeysJSON {
  object: 'signing_keys'
  /** The `pk_live_…` key for Clerk's SDKs (`CLERK_PUBLISHABLE_KEY`). */
  publishable_key: string
  /** The server's public URL: `CLERK_API_URL`, and the tokens' `iss`. */
  api_url: string
  /** The key that signs now; its PEM is `CLERK_JWT_KEY`. */
  current: { kid: string; public_key_pem: string }
  /** Every key still in the JWKS, newest first; `retire_at` is when a replaced one leaves it. */
  keys: { kid: string; created_at: number; retire_at: number | null }[]
}

/** Every webhook event type userkit sends, in Clerk's names. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/**
 * A webhook endpoint, as userkit's own Backend API extension `/v1/webhook_endpoints` answers it
 * (outside Clerk's spec: Clerk manages endpoints in Svix's dashboard).
 */
export interface WebhookEndpointJSON {
  object: 'webhook_endpoint'
  id: string
  url: string
  description: string
  /** The event types it receives; empty means every type. */
  event_types: WebhookEventType[]
  status: 'enabled' | 'disabled'
  /** `manual` (an operator disabled it) or `failing` (every delivery failed for 5 days); `null` when enabled. */
  disabled_reason: 'manual' | 'failing' | null
  /** `api`: managed here. `environment`: `USERKIT_WEBHOOK_URL`, read-only. */
  source: 'api' | 'environment'
  /** Since when deliveries have failed without a success in between; `null` when the last one succeeded. */
  failing_since: number | null
  created_at: number
  updated_at: number
}

/** Create and rotate answer the signing secret (`whsec_…`), once; nothing else ever shows it. */
export interface WebhookEndpointWithSecretJSON extends WebhookEndpointJSON {
  secret: string
}

/** One event's delivery to one endpoint (`GET /v1/webhook_endpoints/{id}/deliveries`, newest first). */
export interface WebhookDeliveryJSON {
  object: 'webhook_delivery'
  id: string
  endpoint_id: string
  /** The event's id: the `svix-id` header, the same on every retry and resend. */
  event_id: string
  event_type: WebhookEventType
  /** `pending` until a 2xx (`succeeded`) or the last retry (`failed`). */
  status: 'pending' | 'succeeded' | 'failed'
  attempts: number
  /** The receiver's HTTP status at the last attempt; `null` when none answered (timeout, connection error). */
  response_status: number | null
  /** What went wrong at the last attempt, in words (`timeout`, `connection refused` …); `null` after a 2xx. */
  error: string | null
  /** When the next attempt is due; `null` once succeeded or failed. */
  next_attempt_at: number | null
  last_attempt_at: number | null
  created_at: number
}
