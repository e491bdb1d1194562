import type { Context, Hono } from 'hono'
import { z } from 'zod'
import type { ServerDeps } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { sendJson } from '../http.ts'
import { toE164 } from '../phone.ts'
import { emailAddressJSON, phoneNumberJSON } from '../serialize.ts'
import type { Queryable } from '../storage/database.ts'
import { identificationsRepo } from '../storage/identifications.ts'
import type { IdentificationRecord } from '../storage/records.ts'
import { isEmailAddress, NoBody, readJson } from '../validate.ts'
import { uniqueToApiError } from './create-user.ts'
import { setVerified } from './store.ts'
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

/** The identification `id` of this kind, whoever's it is (the secret key may act on any user). */
async function load(deps: ServerDeps, kind: Kind, id: string): Promise<IdentificationRecord> {
  const { rows } = await deps.store.db.query<{ user_id: string }>('SELECT user_id FROM identifications WHERE id = $1 AND type = $2', [id, kind])
  const idn = rows[0] ? await identificationsRepo(deps.store.db, deps.options.now).get(rows[0].user_id, kind, id) : null
  if (!idn) throw notFound(kind.replace('_', ' '))
  return idn
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
  await identificationsRepo(q, () => t).setPrimary(userId, kind, id)
}

/** `/v1/email_addresses` and `/v1/phone_numbers`: create for a user, read, update (verified, primary), delete. */
export function identifierRoutes(app: Hono, deps: ServerDeps): void {
  for (const kind of ['email_address', 'phone_number'] as const) {
    const spec = KINDS[kind]
    const answer = async (c: Context, id: string) => sendJson(c, spec.json(await load(deps, kind, id)))

    app.post(spec.path, async (c) => {
      const body = (await readJson(c, spec.body)) as { user_id: string; verified?: boolean | null; primary?: boolean | null } & Record<Kind, string>
      let value = body[kind].trim()
      if (kind === 'phone_number') value = toE164(value, deps.options.defaultPhoneCountry)
      else if (!isEmailAddress(value)) {
        throw new ApiError(422, 'form_param_format_invalid', 'is invalid', { longMessage: 'email_address must be a valid email address.', param: 'email_address' })
      }
      const user = await deps.store.users.get(body.user_id)
      if (!user) throw notFound('user')
      const verified = body.verified ?? true
      const id = await deps.store.db.transaction(async (tx) => {
        const t = deps.options.now()
        let id: string
        try {
          id = (await identificationsRepo(tx, deps.options.now).create(user.id, kind, value)).id
        } catch (error) {
          uniqueToApiError(error, kind)
        }
        if (verified) await setVerified(tx, id, true, t)
        const hasPrimary = kind === 'email_address' ? user.primaryEmailAddressId : user.primaryPhoneNumberId
        if (body.primary || (verified && !hasPrimary)) await makePrimary(tx, kind, user.id, id, t)
        return id
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
        const { rows } = await tx.query(`SELECT 1 FROM users WHERE id = $1 AND ${spec.primaryColumn} = $2`, [idn.userId, idn.id])
        const repo = identificationsRepo(tx, deps.options.now)
        await repo.delete(idn.userId, kind, idn.id)
        // A deleted primary is replaced by the oldest other verified one, if any.
        const next = (await repo.list(idn.userId, kind)).find((i) => i.verificationStatus === 'verified')
        if (rows.length > 0 && next) await repo.setPrimary(idn.userId, kind, next.id)
      })
      return sendJson(c, deletedJSON(kind, idn.id))
    })
  }
}
