import type { Context, Hono } from 'hono'
import { z } from 'zod'
import type { ServerDeps } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { newId } from '../ids.ts'
import { sendJson } from '../http.ts'
import { emailAddressJSON, phoneNumberJSON } from '../serialize.ts'
import type { Queryable } from '../storage/database.ts'
import type { IdentificationRecord } from '../storage/records.ts'
import { isEmailAddress, NoBody, readJson } from '../validate.ts'
import { normalizePhone, uniqueToApiError } from './create-user.ts'
import { deletedJSON } from './serialize.ts'

type Kind = 'email_address' | 'phone_number'

const KINDS = {
  email_address: {
    path: '/v1/email_addresses',
    primaryColumn: 'primary_email_address_id',
    json: emailAddressJSON,
    body: z.strictObject({
      user_id: z.string().max(64),
      email_address: z.string().max(320),
      verified: z.boolean().nullable().optional(),
      primary: z.boolean().nullable().optional(),
      notify_primary_email_address_changed: z.boolean().nullable().optional(),
    }),
    patch: z.strictObject({
      verified: z.boolean().nullable().optional(),
      primary: z.boolean().nullable().optional(),
      notify_primary_email_address_changed: z.boolean().nullable().optional(),
    }),
  },
  phone_number: {
    path: '/v1/phone_numbers',
    primaryColumn: 'primary_phone_number_id',
    json: phoneNumberJSON,
    body: z.strictObject({
      user_id: z.string().max(64),
      phone_number: z.string().max(32),
      verified: z.boolean().nullable().optional(),
      primary: z.boolean().nullable().optional(),
      reserved_for_second_factor: z.boolean().nullable().optional(),
    }),
    patch: z.strictObject({
      verified: z.boolean().nullable().optional(),
      primary: z.boolean().nullable().optional(),
      reserved_for_second_factor: z.boolean().nullable().optional(),
    }),
  },
} as const

/** The identification `id` of this kind, loaded through the user (so hashes never leave storage). */
async function load(deps: ServerDeps, kind: Kind, id: string): Promise<IdentificationRecord> {
  const { rows } = await deps.store.db.query<{ user_id: string }>('SELECT user_id FROM identifications WHERE id = $1 AND type = $2', [id, kind])
  const user = rows[0] ? await deps.store.users.get(rows[0].user_id) : null
  const idn = [...(user?.emailAddresses ?? []), ...(user?.phoneNumbers ?? [])].find((i) => i.id === id)
  if (!idn) throw notFound(kind.replace('_', ' '))
  return idn
}

async function setVerified(q: Queryable, id: string, verified: boolean, t: number) {
  await q.query(
    verified
      ? `UPDATE identifications SET verification_status = 'verified', verification_strategy = 'admin', verified_at = $2,
           verification_code_hash = NULL, verification_token_hash = NULL, verification_expire_at = NULL, updated_at = $2 WHERE id = $1`
      : `UPDATE identifications SET verification_status = 'unverified', verification_strategy = NULL, verified_at = NULL,
           updated_at = $2 WHERE id = $1`,
    [id, t],
  )
}

/** Points the user's primary of this kind at `id`, which must be verified (a primary signs in). */
async function makePrimary(q: Queryable, kind: Kind, userId: string, id: string, t: number) {
  const { rows } = await q.query<{ verification_status: string }>('SELECT verification_status FROM identifications WHERE id = $1', [id])
  if (rows[0]?.verification_status !== 'verified') {
    throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
      longMessage: 'Only a verified identifier can be made primary.',
      param: 'primary',
    })
  }
  await q.query(`UPDATE users SET ${KINDS[kind].primaryColumn} = $2, updated_at = $3 WHERE id = $1`, [userId, id, t])
}

/** `/v1/email_addresses` and `/v1/phone_numbers`: create for a user, read, update (verified, primary), delete. */
export function identifierRoutes(app: Hono, deps: ServerDeps): void {
  for (const kind of ['email_address', 'phone_number'] as const) {
    const spec = KINDS[kind]
    const answer = async (c: Context, id: string) => sendJson(c, spec.json(await load(deps, kind, id)))

    app.post(spec.path, async (c) => {
      const body = (await readJson(c, spec.body)) as { user_id: string; verified?: boolean | null; primary?: boolean | null } & Record<Kind, string>
      let value = body[kind].trim()
      if (kind === 'phone_number') value = normalizePhone(value)
      else if (!isEmailAddress(value)) {
        throw new ApiError(422, 'form_param_format_invalid', 'is invalid', { longMessage: 'email_address must be a valid email address.', param: 'email_address' })
      }
      const user = await deps.store.users.get(body.user_id)
      if (!user) throw notFound('user')
      const verified = body.verified ?? true
      const id = newId('idn')
      await deps.store.db.transaction(async (tx) => {
        const t = deps.options.now()
        try {
          await tx.query(
            `INSERT INTO identifications (id, user_id, type, value, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
            [id, user.id, kind, value, t],
          )
        } catch (error) {
          uniqueToApiError(error, kind)
        }
        if (verified) await setVerified(tx, id, true, t)
        const hasPrimary = kind === 'email_address' ? user.primaryEmailAddressId : user.primaryPhoneNumberId
        if (body.primary || (verified && !hasPrimary)) await makePrimary(tx, kind, user.id, id, t)
      })
      return answer(c, id)
    })

    app.get(`${spec.path}/:id`, (c) => answer(c, c.req.param('id')))

    app.patch(`${spec.path}/:id`, async (c) => {
      const body = (await readJson(c, spec.patch)) as { verified?: boolean | null; primary?: boolean | null }
      const idn = await load(deps, kind, c.req.param('id'))
      await deps.store.db.transaction(async (tx) => {
        const t = deps.options.now()
        if (body.verified === false) {
          const { rows } = await tx.query(`SELECT 1 FROM users WHERE id = $1 AND ${spec.primaryColumn} = $2`, [idn.userId, idn.id])
          if (rows.length > 0) {
            throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
              longMessage: 'The primary identifier cannot be marked unverified.',
              param: 'verified',
            })
          }
        }
        if (typeof body.verified === 'boolean') await setVerified(tx, idn.id, body.verified, t)
        if (body.primary) await makePrimary(tx, kind, idn.userId, idn.id, t)
      })
      return answer(c, idn.id)
    })

    app.delete(`${spec.path}/:id`, async (c) => {
      await readJson(c, NoBody)
      const idn = await load(deps, kind, c.req.param('id'))
      await deps.store.db.transaction(async (tx) => {
        await tx.query('DELETE FROM identifications WHERE id = $1', [idn.id])
        // The primary moves to the oldest other verified one, or to none.
        await tx.query(
          `UPDATE users SET updated_at = $3, ${spec.primaryColumn} = (
             SELECT id FROM identifications WHERE user_id = $1 AND type = $4 AND verification_status = 'verified'
             ORDER BY created_at, seq LIMIT 1)
           WHERE id = $1 AND ${spec.primaryColumn} = $2`,
          [idn.userId, idn.id, deps.options.now(), kind],
        )
      })
      return sendJson(c, deletedJSON(kind, idn.id))
    })
  }
}
