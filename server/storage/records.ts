import type { ExternalAccountRecord } from './external-accounts.ts'

/**
 * What the storage layer hands to routes and serializers: camelCase, numbers for timestamps
 * (`pg` answers bigint columns as strings, PGlite as numbers; `ms()` makes them one type).
 */

/** A verification's state as stored on an identification. */
export type StoredVerificationStatus = 'unverified' | 'verified' | 'failed' | 'expired'

/** An email address or phone number (`idn_…`). Hashed codes and tokens never leave storage. */
export interface IdentificationRecord {
  id: string
  userId: string
  type: 'email_address' | 'phone_number'
  value: string
  verificationStatus: StoredVerificationStatus
  verificationStrategy: string | null
  verificationAttempts: number
  verificationExpireAt: number | null
  verifiedAt: number | null
  createdAt: number
  updatedAt: number
}

/**
 * A user as the Frontend API may see it. There is deliberately no private metadata and no password
 * hash here: the Frontend API's serializer cannot leak what it is never given.
 */
export interface UserRecord {
  id: string
  externalId: string | null
  username: string | null
  firstName: string | null
  lastName: string | null
  imageId: string | null
  hasPassword: boolean
  primaryEmailAddressId: string | null
  primaryPhoneNumberId: string | null
  publicMetadata: Record<string, unknown>
  unsafeMetadata: Record<string, unknown>
  banned: boolean
  passwordLastUpdatedAt: number | null
  lastSignInAt: number | null
  lastActiveAt: number | null
  createdAt: number
  updatedAt: number
  emailAddresses: IdentificationRecord[]
  phoneNumbers: IdentificationRecord[]
  /** Connected OAuth accounts (tokens excluded); filled by the users repository. */
  externalAccounts?: ExternalAccountRecord[]
}

/** A browser (`client_…`); its cookie token is stored only as a hash and never loaded. */
export interface ClientRecord {
  id: string
  lastActiveSessionId: string | null
  createdAt: number
  updatedAt: number
}

/** As in Clerk; this slice writes `active`, `ended` and `expired`. */
export type SessionStatus = 'active' | 'ended' | 'expired' | 'removed' | 'revoked'

/** A signed-in session (`sess_…`) of one user on one client. */
export interface SessionRecord {
  id: string
  clientId: string
  userId: string
  status: SessionStatus
  lastActiveAt: number
  expireAt: number
  abandonAt: number
  createdAt: number
  updatedAt: number
}

/** A bigint column as a number (ms timestamps fit easily in 2^53). */
export function ms(value: unknown): number {
  return Number(value)
}

/** A nullable bigint column. */
export function msOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value)
}
