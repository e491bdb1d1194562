/**
 * The Backend API's JSON (Clerk's, for users): bare objects and arrays, no envelope. Only the
 * app's own servers and the users dashboard read it; it is the one place `private_metadata` appears.
 */
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
