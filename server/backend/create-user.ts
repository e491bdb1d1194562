import { z } from 'zod'
import type { ServerDeps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { newId } from '../ids.ts'
import { toE164 } from '../phone.ts'
import { PASSWORD } from '../routes/environment.ts'
import { isUniqueViolation, type Queryable } from '../storage/database.ts'
import { checkUsername, isEmailAddress, NAME_MAX_LENGTH } from '../validate.ts'
import { identificationsRepo } from '../storage/identifications.ts'
import { backendRepo, setVerified } from './store.ts'

const Name = z.string().max(NAME_MAX_LENGTH).nullable().optional()
const Metadata = z.record(z.string(), z.unknown())

/** `POST /v1/users`: Clerk's fields that make sense in userkit. Anything else is `form_param_unknown`. */
export const CreateUserBody = z.strictObject({
  external_id: z.string().min(1).max(256).nullable().optional(),
  first_name: Name,
  last_name: Name,
  email_address: z.array(z.string().max(320)).max(20).optional(),
  phone_number: z.array(z.string().max(32)).max(20).optional(),
  username: z.string().max(256).nullable().optional(),
  password: z.string().max(1024).nullable().optional(),
  skip_password_checks: z.boolean().nullable().optional(),
  skip_password_requirement: z.boolean().nullable().optional(),
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
  unsafe_metadata: Metadata.optional(),
  created_at: z.string().datetime({ offset: true }).optional(),
})

/** Passwords: 8 to 72 characters, unless the caller migrates old ones (`skip_password_checks`). */
export function checkPassword(password: string, skipChecks: boolean): void {
  if (password.length === 0) {
    throw new ApiError(422, 'form_param_format_invalid', 'is invalid', { longMessage: 'password must not be empty.', param: 'password' })
  }
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

const taken = (param: string) =>
  new ApiError(422, 'form_identifier_exists', 'That identifier is taken.', {
    longMessage: `That ${param.replace('_', ' ')} is taken. Please try another.`,
    param,
  })

/** Maps a unique violation of the users or identifications indexes to Clerk's 422. */
export function uniqueToApiError(error: unknown, identifierParam: string): never {
  if (isUniqueViolation(error, 'users_username_key')) throw taken('username')
  if (isUniqueViolation(error, 'users_external_id_key')) throw taken('external_id')
  if (isUniqueViolation(error)) throw taken(identifierParam)
  throw error
}

/** Inserts verified (strategy `admin`) identifications for a user created by the Backend API. */
async function insertIdentifications(q: Queryable, userId: string, type: 'email_address' | 'phone_number', values: string[], t: number) {
  const repo = identificationsRepo(q, () => t)
  const ids: string[] = []
  for (const value of values) {
    try {
      ids.push((await repo.create(userId, type, value)).id)
    } catch (error) {
      uniqueToApiError(error, type)
    }
    await setVerified(q, ids.at(-1) as string, true, t)
  }
  return ids
}

/**
 * Creates a user as `POST /v1/users` does: every rule checked before anything is written, then one
 * transaction (a taken phone number must not leave the user and its emails behind). Answers the id.
 */
export async function createBackendUser(deps: ServerDeps, body: z.output<typeof CreateUserBody>): Promise<string> {
  const emails = (body.email_address ?? []).map((e) => e.trim())
  for (const email of emails) {
    if (!isEmailAddress(email)) {
      throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
        longMessage: `${email} is not a valid email address.`,
        param: 'email_address',
      })
    }
  }
  const phones = (body.phone_number ?? []).map((p) => toE164(p, deps.options.defaultPhoneCountry))
  const lower = emails.map((e) => e.toLowerCase())
  if (new Set(lower).size !== lower.length) throw taken('email_address')
  if (new Set(phones).size !== phones.length) throw taken('phone_number')
  const username = body.username || null
  if (username) checkUsername(username)
  const password = body.password ?? null
  if (password !== null) checkPassword(password, body.skip_password_checks === true)
  const passwordHash = password === null ? null : await deps.hasher.hash(password)
  const createdAt = body.created_at ? Date.parse(body.created_at) : undefined

  return deps.store.db.transaction(async (tx) => {
    const t = deps.options.now()
    const id = newId('user')
    try {
      await tx.query(
        `INSERT INTO users (id, external_id, username, first_name, last_name, password_hash, public_metadata, private_metadata,
           unsafe_metadata, password_last_updated_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12)`,
        [
          id,
          body.external_id ?? null,
          username,
          body.first_name?.trim() || null,
          body.last_name?.trim() || null,
          passwordHash,
          JSON.stringify(body.public_metadata ?? {}),
          JSON.stringify(body.private_metadata ?? {}),
          JSON.stringify(body.unsafe_metadata ?? {}),
          passwordHash ? t : null,
          createdAt ?? t,
          t,
        ],
      )
    } catch (error) {
      uniqueToApiError(error, 'username')
    }
    const emailIds = await insertIdentifications(tx, id, 'email_address', emails, t)
    const phoneIds = await insertIdentifications(tx, id, 'phone_number', phones, t)
    await backendRepo(tx, deps.options.now).updateUser(id, {
      ...(emailIds[0] ? { primaryEmailAddressId: emailIds[0] } : {}),
      ...(phoneIds[0] ? { primaryPhoneNumberId: phoneIds[0] } : {}),
    })
    return id
  })
}
