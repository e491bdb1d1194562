import type { DomainContext } from '../domain.ts'
import { ApiError, notFound } from '../errors.ts'
import { detectImageType, MAX_IMAGE_BYTES } from '../images.ts'
import type { StoredBlob } from '../storage/blobs.ts'
import type { IdentificationType } from '../storage/identifications.ts'
import type { Metadata } from '../storage/users.ts'
import { checkPrimaryTarget } from './identifiers.ts'
import { type Api, checkMetadataSize, checkPassword, cleanName, cleanUsername, deepMerge, unlessTaken } from './rules.ts'

/** A change to a user's profile; `undefined` leaves a field as it is. */
export interface UserUpdate extends Metadata {
  firstName?: string | null
  lastName?: string | null
  /** Empty or `null` removes the username. */
  username?: string | null
  externalId?: string | null
  /** A verified email address of the user's own; it can be replaced, never removed (`null` is refused). */
  primaryEmailAddressId?: string | null
  /** A verified phone number of the user's own; `null` leaves the user without a primary phone. */
  primaryPhoneNumberId?: string | null
  password?: string
  /** Accept any non-empty password (migrating users whose passwords followed other rules). */
  skipPasswordChecks?: boolean
  /** With a new password: revoke every session of the user. */
  signOutOfOtherSessions?: boolean
  createdAt?: number
}

/** What an upload carries. */
export interface ImageUpload {
  bytes: Uint8Array
  name: string | null
}

/**
 * A profile image's bytes, checked: at most 10 MB (413 `image_too_large`) and by their first bytes
 * a PNG, JPEG, GIF or WebP (never by the declared type). The Backend API refuses another type with
 * a 400, as Clerk's spec lists; the Frontend API with a 422.
 */
function checkImage(bytes: Uint8Array, api: Api): StoredBlob['contentType'] {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new ApiError(413, 'image_too_large', 'The image is too large', {
      longMessage: `The image must be at most ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.`,
      param: 'file',
    })
  }
  const contentType = detectImageType(bytes)
  if (!contentType) {
    throw new ApiError(api === 'backend' ? 400 : 422, 'form_param_format_invalid', 'is not a supported image', {
      longMessage: 'The file must be a PNG, JPEG, GIF or WebP image.',
      param: 'file',
    })
  }
  return contentType
}

/** The profile operations of the domain: names, username, primaries, password, metadata, image. */
export function profileDomain(ctx: DomainContext) {
  const { store, write, hasher } = ctx

  return {
    /**
     * Changes a user: the Frontend API's `PATCH /v1/me` and the Backend API's `PATCH /v1/users/{id}`.
     * Every rule is checked before anything is written, and everything is written in one transaction.
     */
    async update(userId: string, update: UserUpdate, api: Api): Promise<void> {
      const user = await store.users.get(userId)
      if (!user) throw notFound('user')
      const username = update.username === undefined ? undefined : cleanUsername(update.username)
      const primaries: [IdentificationType, string | null, string][] = []
      if (update.primaryEmailAddressId !== undefined) {
        primaries.push(['email_address', update.primaryEmailAddressId, 'primary_email_address_id'])
      }
      if (update.primaryPhoneNumberId !== undefined) {
        primaries.push(['phone_number', update.primaryPhoneNumberId, 'primary_phone_number_id'])
      }
      for (const [type, id, param] of primaries) {
        if (id !== null) checkPrimaryTarget([...user.emailAddresses, ...user.phoneNumbers], type, id, api, param)
        else if (type === 'email_address') {
          throw new ApiError(422, 'form_param_value_invalid', 'cannot be removed', {
            longMessage: 'The primary email address can be changed to another verified one, not removed.',
            param,
          })
        }
      }
      if (update.password !== undefined) checkPassword(update.password, update.skipPasswordChecks)
      const metadata = { publicMetadata: update.publicMetadata, privateMetadata: update.privateMetadata, unsafeMetadata: update.unsafeMetadata }
      checkMetadataSize(metadata)
      const passwordHash = update.password === undefined ? undefined : await hasher.hash(update.password)

      await write(async (tx) => {
        const changes = { firstName: cleanName(update.firstName), lastName: cleanName(update.lastName), username, externalId: update.externalId, passwordHash, createdAt: update.createdAt }
        await unlessTaken(() => tx.users.update(userId, changes))
        for (const [type, id, param] of primaries) {
          // The SQL re-checks ownership and verification: a removal racing this one fails it here.
          if (!(await tx.users.setPrimary(userId, type, id))) checkPrimaryTarget([], type, id ?? '', api, param)
        }
        await tx.users.setMetadata(userId, metadata)
        if (passwordHash !== undefined && update.signOutOfOtherSessions) {
          for (const session of await tx.sessions.revokeForUser(userId)) tx.changed('session.revoked', session.id)
        }
        tx.changed('user.updated', userId)
      })
    },

    /** The Backend API's `/metadata`: `merge` deep-merges into the stored objects (`null` deletes a key), `replace` replaces each object given. */
    async updateMetadata(userId: string, patch: { [K in keyof Metadata]?: Metadata[K] | null }, mode: 'merge' | 'replace'): Promise<void> {
      await write(async (tx) => {
        // Locked: two merges at once must not lose one another's keys.
        const stored = await tx.users.metadataForUpdate(userId)
        if (!stored) throw notFound('user')
        const next: Metadata = {}
        for (const key of ['publicMetadata', 'privateMetadata', 'unsafeMetadata'] as const) {
          const value = patch[key]
          if (value === undefined) continue
          next[key] = mode === 'replace' ? (value ?? {}) : value === null ? stored[key] : deepMerge(stored[key], value)
        }
        checkMetadataSize(next)
        await tx.users.setMetadata(userId, next)
        tx.changed('user.updated', userId)
      })
    },

    /** Sets the profile image from an upload (both APIs); the previous image's bytes are deleted with it. */
    async setImage(userId: string, upload: ImageUpload, api: Api): Promise<Omit<StoredBlob, 'bytes'>> {
      const contentType = checkImage(upload.bytes, api)
      return write(async (tx) => {
        if (!(await tx.users.lock(userId))) throw notFound('user')
        const stored = await tx.blobs.put({ contentType, name: upload.name?.slice(0, 256) ?? null, bytes: upload.bytes })
        const previous = await tx.users.setImage(userId, stored.id)
        if (previous) await tx.blobs.delete(previous)
        tx.changed('user.updated', userId)
        return stored
      })
    },

    /** Removes the profile image; answers the removed image's id, `null` when there was none (not an error). */
    async removeImage(userId: string): Promise<string | null> {
      return write(async (tx) => {
        if (!(await tx.users.lock(userId))) throw notFound('user')
        const previous = await tx.users.setImage(userId, null)
        if (previous) {
          await tx.blobs.delete(previous)
          tx.changed('user.updated', userId)
        }
        return previous
      })
    },

    /** The Backend API's password check: 400 `password_not_set`, 422 `form_password_incorrect`, or nothing. */
    async verifyPassword(userId: string, password: string): Promise<void> {
      if (!(await store.users.get(userId))) throw notFound('user')
      const hash = await store.users.passwordHash(userId)
      if (!hash) {
        throw new ApiError(400, 'password_not_set', 'The user has no password', { longMessage: 'This user does not have a password set.' })
      }
      if (!(await hasher.verify(password, hash))) {
        throw new ApiError(422, 'form_password_incorrect', 'Password is incorrect.', { param: 'password' })
      }
    },
  }
}
