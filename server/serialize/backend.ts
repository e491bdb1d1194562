import type { BackendSessionJSON, BackendUserJSON, DeletedObjectJSON } from '../../src/wire/index.ts'
import type { SessionRecord, UserRecord } from '../storage/records.ts'
import { userJSON, type SerializeContext } from './frontend.ts'

/**
 * The one serializer that writes `private_metadata`. Only the Backend API's routes import it, and
 * every one of them sits behind the secret key.
 */
export function backendUserJSON(ctx: SerializeContext, user: UserRecord, privateMetadata: Record<string, unknown>): BackendUserJSON {
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
