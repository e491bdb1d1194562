import { ApiError } from './errors.ts'
import type { PasswordHasher } from './password.ts'
import { PASSWORD } from './routes/environment.ts'
import { isUniqueViolation } from './storage/database.ts'
import type { UserRecord } from './storage/records.ts'
import type { Store } from './storage/store.ts'
import { checkUsername, isEmailAddress } from './validate.ts'

/** A user to create directly (demo data, tests, stories; later the Backend API's `POST /v1/users`). */
export interface CreateUserInput {
  /** The primary email address, stored as verified. */
  email?: string
  /** More verified email addresses, after `email`. */
  emailAddresses?: string[]
  /** At least 8 characters; hashed with the server's hasher. Omit for a user without a password. */
  password?: string
  firstName?: string | null
  lastName?: string | null
  username?: string | null
  externalId?: string | null
  publicMetadata?: Record<string, unknown>
  privateMetadata?: Record<string, unknown>
  unsafeMetadata?: Record<string, unknown>
}

/**
 * Validates and creates a user with the same rules the APIs apply (email format, username rules,
 * password length, uniqueness), throwing a 422 `ApiError` when one is broken.
 */
export async function createUser(store: Store, hasher: PasswordHasher, input: CreateUserInput): Promise<UserRecord> {
  const emails = [...(input.email ? [input.email] : []), ...(input.emailAddresses ?? [])].map((e) => e.trim())
  for (const email of emails) {
    if (!isEmailAddress(email)) {
      throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
        longMessage: 'email_address must be a valid email address.',
        param: 'email_address',
      })
    }
  }
  if (input.username) checkUsername(input.username)
  if (input.password !== undefined && input.password.length < PASSWORD.minLength) {
    throw new ApiError(422, 'form_password_length_too_short', 'is too short', {
      longMessage: `Passwords must be ${PASSWORD.minLength} characters or more.`,
      param: 'password',
    })
  }
  const passwordHash = input.password === undefined ? null : await hasher.hash(input.password)
  try {
    // One transaction: a taken second email must not leave the user row behind.
    return await store.transaction((tx) => tx.users.create({
      username: input.username || null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      externalId: input.externalId ?? null,
      passwordHash,
      publicMetadata: input.publicMetadata,
      privateMetadata: input.privateMetadata,
      unsafeMetadata: input.unsafeMetadata,
      emailAddresses: emails,
    }))
  } catch (error) {
    if (isUniqueViolation(error)) {
      const param = isUniqueViolation(error, 'users_username_key')
        ? 'username'
        : isUniqueViolation(error, 'users_external_id_key')
          ? 'external_id'
          : 'email_address'
      throw new ApiError(422, 'form_identifier_exists', 'That identifier is taken.', { param })
    }
    throw error
  }
}
