import type { BackendUserJSON, DeletedObjectJSON } from '../../src/api/wire.ts'
import { userJSON, type SerializeContext } from '../serialize.ts'
import type { SessionRecord, UserRecord } from '../storage/records.ts'

/** The Backend API's user: the Frontend API's fields plus what only the app's own servers may read. */
export interface BackendUserWireJSON extends BackendUserJSON {
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
  status: SessionRecord['status']
  last_active_at: number
  expire_at: number
  abandon_at: number
  created_at: number
  updated_at: number
}

/**
 * The one serializer that writes `private_metadata`. Only server/backend imports it, and every
 * route there sits behind the secret key.
 */
export function backendUserJSON(ctx: SerializeContext, user: UserRecord, privateMetadata: Record<string, unknown>): BackendUserWireJSON {
  const base = userJSON(ctx, user)
  return {
    ...base,
    private_metadata: privateMetadata,
    // Clerk's deprecated alias of image_url, still read by older SDKs.
    profile_image_url: base.image_url,
    organization_memberships: [],
    deprovisioned: false,
    bypass_client_trust: false,
  }
}

/** A session as the Backend API lists it. */
export function backendSessionJSON(session: SessionRecord): BackendSessionJSON {
  return {
    object: 'session',
    id: session.id,
    user_id: session.userId,
    client_id: session.clientId,
    status: session.status,
    last_active_at: session.lastActiveAt,
    expire_at: session.expireAt,
    abandon_at: session.abandonAt,
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  }
}

/** What a DELETE answers (@clerk/backend's `DeletedObject`). */
export function deletedJSON(object: string, id: string): DeletedObjectJSON {
  return { object, id, deleted: true }
}
