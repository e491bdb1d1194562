import { ApiError, formatInvalid } from '../errors.ts'
import { UniqueViolation, type UniqueField } from '../storage/database.ts'
import type { IdentificationType } from '../storage/identifications.ts'
import type { Metadata } from '../storage/users.ts'

/**
 * The rules about a user's fields, each once: the Frontend API, the Backend API, the dashboard,
 * OAuth and seeding all check through these.
 */

/** Which API is asking: where Clerk's two APIs answer one broken rule with different codes, each keeps its own. */
export type Api = 'frontend' | 'backend'

/** Username rules. */
export const USERNAME = { minLength: 4, maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/ } as const

/** Password length rules. */
export const PASSWORD = { minLength: 8, maxLength: 72 } as const

/** Longest first or last name accepted. */
export const NAME_MAX_LENGTH = 256

/** Metadata is stored as JSON; one object may hold at most this much. */
export const MAX_METADATA_BYTES = 32 * 1024

/** Words for messages: `email address`, `phone number`. */
export const noun = (type: IdentificationType) => (type === 'email_address' ? 'email address' : 'phone number')

/** Throws the 422 Clerk answers for a username that breaks the rules. */
export function checkUsername(username: string, param = 'username'): void {
  if (username.length < USERNAME.minLength || username.length > USERNAME.maxLength) {
    throw new ApiError(422, 'form_username_invalid_length', 'is invalid', {
      longMessage: `Username must be between ${USERNAME.minLength} and ${USERNAME.maxLength} characters long.`,
      param,
    })
  }
  if (!USERNAME.pattern.test(username)) {
    throw new ApiError(422, 'form_username_invalid_character', 'is invalid', {
      longMessage: 'Username can only contain letters, numbers, "_" and "-".',
      param,
    })
  }
}

/** A username as stored: empty means none. Throws when it breaks the rules. */
export function cleanUsername(value: string | null): string | null {
  if (!value) return null
  checkUsername(value)
  return value
}

/** A name as stored: surrounding spaces trimmed, blank means none; `undefined` stays "unchanged". */
export function cleanName<T extends string | null | undefined>(value: T): T extends undefined ? undefined : string | null {
  return (value === undefined ? undefined : value?.trim() || null) as T extends undefined ? undefined : string | null
}

/** A deliberately loose email check: one @, something on each side, a dot in the domain, no spaces. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
}

/** An email address as stored (trimmed); throws 422 at `param` when it is not one. */
export function normalizeEmail(value: string, param = 'email_address'): string {
  const email = value.trim()
  if (!isEmailAddress(email)) throw formatInvalid(param, `${param} must be a valid email address.`)
  return email
}

/** Passwords: 8 to 72 characters, unless the operator migrates old ones (`skip_password_checks`); never empty. */
export function checkPassword(password: string, skipChecks = false): void {
  if (password.length === 0) throw formatInvalid('password', 'password must not be empty.')
  if (skipChecks) return
  if (password.length < PASSWORD.minLength) {
    throw new ApiError(422, 'form_password_length_too_short', 'is too short', {
      longMessage: `Passwords must be ${PASSWORD.minLength} characters or more.`,
      param: 'password',
    })
  }
  if (password.length > PASSWORD.maxLength) {
    throw new ApiError(422, 'form_password_length_too_long', 'is too long', {
      longMessage: `Passwords must be ${PASSWORD.maxLength} characters or fewer.`,
      param: 'password',
    })
  }
}

/** 422 `form_identifier_exists` at the field a unique index guards. */
export function taken(field: Exclude<UniqueField, 'provider_account'>): ApiError {
  const what = field.replace('_', ' ')
  return new ApiError(422, 'form_identifier_exists', `That ${what} is taken. Please try another.`, {
    longMessage: `That ${what} is taken. Please try another.`,
    param: field,
  })
}

/** Runs a write; a taken username, external id, email or phone (the database's unique indexes decide) becomes `taken()`. */
export async function unlessTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (error instanceof UniqueViolation && error.field !== 'provider_account') throw taken(error.field)
    throw error
  }
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Clerk's metadata merge: objects merge key by key at every depth, `null` deletes a key, anything else replaces. */
export function deepMerge(target: Json, patch: Json): Json {
  const out: Json = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else if (isObject(value) && isObject(out[key])) out[key] = deepMerge(out[key] as Json, value)
    else if (isObject(value)) out[key] = deepMerge({}, value)
    else out[key] = value
  }
  return out
}

/** Throws 422 at the metadata field that is larger than `MAX_METADATA_BYTES` of JSON. */
export function checkMetadataSize(metadata: Metadata): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (value !== undefined && JSON.stringify(value).length > MAX_METADATA_BYTES) {
      const param = key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)
      throw new ApiError(422, 'form_param_max_length_exceeded', 'is too large', {
        longMessage: `${param} must be at most ${MAX_METADATA_BYTES / 1024} KB of JSON.`,
        param,
      })
    }
  }
}
