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
