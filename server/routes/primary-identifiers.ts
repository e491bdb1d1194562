import { z } from 'zod'
import type { ServerDeps } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import type { IdentificationType } from '../storage/identifications.ts'
import type { UserRecord } from '../storage/records.ts'

/** The `PATCH /v1/me` fields that choose the primary email address and phone number. */
export const PRIMARY_FIELDS = {
  primary_email_address_id: z.string().max(128).nullable().optional(),
  primary_phone_number_id: z.string().max(128).nullable().optional(),
}

/** One checked change: `id: null` unsets the primary phone number. */
export interface PrimaryChange {
  type: IdentificationType
  id: string | null
}

type PrimaryBody = { primary_email_address_id?: string | null | undefined; primary_phone_number_id?: string | null | undefined }

/**
 * Checks the requested primaries before anything changes: each must be one of the user's own
 * identifications of the right kind (else 404) and verified (else 422 `form_param_value_invalid`).
 * The primary phone may be unset with `null`; the primary email may not.
 */
export function checkPrimaryChanges(user: UserRecord, body: PrimaryBody): PrimaryChange[] {
  const changes: PrimaryChange[] = []
  const fields = [
    ['primary_email_address_id', 'email_address', user.emailAddresses],
    ['primary_phone_number_id', 'phone_number', user.phoneNumbers],
  ] as const
  for (const [param, type, own] of fields) {
    const id = body[param]
    if (id === undefined) continue
    if (id === null) {
      if (type === 'email_address') {
        throw new ApiError(422, 'form_param_value_invalid', 'cannot be removed', {
          longMessage: 'The primary email address can be changed to another verified one, not removed.',
          param,
        })
      }
      changes.push({ type, id: null })
      continue
    }
    const target = own.find((idn) => idn.id === id)
    if (!target) throw notFound(type === 'email_address' ? 'email address' : 'phone number')
    if (target.verificationStatus !== 'verified') {
      throw new ApiError(422, 'form_param_value_invalid', 'is not verified', {
        longMessage: `Only a verified ${type === 'email_address' ? 'email address' : 'phone number'} can become primary.`,
        param,
      })
    }
    changes.push({ type, id })
  }
  return changes
}

/** Applies checked changes; each update re-checks ownership and verification in SQL, so a race cannot slip an unverified one in. */
export async function applyPrimaryChanges(deps: ServerDeps, userId: string, changes: readonly PrimaryChange[]): Promise<void> {
  for (const { type, id } of changes) {
    const column = type === 'email_address' ? 'primary_email_address_id' : 'primary_phone_number_id'
    await deps.store.db.query(
      `UPDATE users SET ${column} = $2, updated_at = $3 WHERE id = $1 AND ($2::text IS NULL OR EXISTS (
         SELECT 1 FROM identifications WHERE id = $2 AND user_id = $1 AND type = $4 AND verification_status = 'verified'))`,
      [userId, id, deps.options.now(), type],
    )
  }
}
