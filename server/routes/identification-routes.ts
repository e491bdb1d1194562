import type { Hono } from 'hono'
import { z } from 'zod'
import type { DeletedObjectJSON } from '../../src/api/wire.ts'
import { envelope, requireSignedIn } from '../auth/session.ts'
import type { ServerDeps } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { isUniqueViolation } from '../storage/database.ts'
import { identificationsRepo, type IdentificationType } from '../storage/identifications.ts'
import type { IdentificationRecord } from '../storage/records.ts'
import { VERIFICATION } from '../verification/codes.ts'
import { attemptVerification, prepareVerification } from '../verification/flow.ts'
import { NoBody, readJson } from '../validate.ts'

/** What differs between `/v1/me/email_addresses` and `/v1/me/phone_numbers`. */
export interface IdentificationKind<J> {
  type: IdentificationType
  /** `/v1/me/email_addresses`. */
  path: string
  /** The POST body's field, also the `param_name` of its errors: `email_address`, `phone_number`. */
  param: string
  /** Words for messages: `email address`. */
  noun: string
  /** The strategies `prepare_verification` accepts for this kind. */
  strategies: readonly [PrepareStrategy, ...PrepareStrategy[]]
  /** Validates and normalises what the user typed; throws a 422 `ApiError`. */
  normalize(value: string, deps: ServerDeps): string
  /** Throws when the user may not add one now (e.g. the server cannot send SMS). */
  checkAvailable?(deps: ServerDeps): void
  /** Throws when the user may not remove it (called inside the transaction, with the user locked). */
  checkRemovable?(target: IdentificationRecord, all: readonly IdentificationRecord[], primaryId: string | null): void
  serialize(record: IdentificationRecord): J
}

type PrepareStrategy = 'email_code' | 'email_link' | 'phone_code'

// Ids are short prefixed tokens; anything longer or stranger cannot be one, so it is a plain 404.
const ID_PATTERN = /^idn_[0-9A-Za-z]{1,64}$/

const AttemptBody = z.strictObject({ code: z.string().max(64) })

/**
 * Registers list, create, read, delete, prepare_verification and attempt_verification for one kind.
 * Every route works only on the signed-in user's own identifications: another user's id is a 404.
 */
export function identificationRoutes<J>(app: Hono, deps: ServerDeps, kind: IdentificationKind<J>): void {
  const { type, path, param } = kind
  const repo = () => identificationsRepo(deps.store.db, deps.options.now)
  const CreateBody = z.strictObject({ [param]: z.string().max(320) })
  const PrepareBody = z.strictObject({
    // A string first, so a missing strategy is form_param_missing rather than a format error.
    strategy: z.string().pipe(z.enum(kind.strategies)),
    redirect_url: z.string().max(2048).optional(),
  })
  const idParam = (value: string | undefined): string => {
    if (!value || !ID_PATTERN.test(value)) throw notFound(kind.noun)
    return value
  }

  app.get(path, async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    return envelope(c, deps, (await repo().list(user.id, type)).map(kind.serialize), client.id)
  })

  app.post(path, async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const body = (await readJson(c, CreateBody)) as Record<string, string>
    kind.checkAvailable?.(deps)
    const value = kind.normalize(body[param] as string, deps)
    let created: IdentificationRecord
    try {
      created = await repo().create(user.id, type, value)
    } catch (error) {
      // The unique index on (type, lower(value)) decides, so two concurrent adds cannot both win.
      if (isUniqueViolation(error, 'identifications_value_key')) {
        throw new ApiError(422, 'form_identifier_exists', `That ${kind.noun} is taken. Please try another.`, {
          longMessage: `That ${kind.noun} is taken. Please try another.`,
          param,
        })
      }
      throw error
    }
    return envelope(c, deps, kind.serialize(created), client.id)
  })

  app.get(`${path}/:id`, async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const found = await repo().get(user.id, type, idParam(c.req.param('id')))
    if (!found) throw notFound(kind.noun)
    return envelope(c, deps, kind.serialize(found), client.id)
  })

  app.delete(`${path}/:id`, async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const id = idParam(c.req.param('id'))
    await readJson(c, NoBody)
    await deps.store.db.transaction(async (tx) => {
      // Lock the user: two removals at once must not both pass the "another verified one stays" check.
      await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [user.id])
      const txRepo = identificationsRepo(tx, deps.options.now)
      const all = await txRepo.list(user.id, type)
      const target = all.find((idn) => idn.id === id)
      if (!target) throw notFound(kind.noun)
      const { rows } = await tx.query<{ p: string | null }>(
        `SELECT ${type === 'email_address' ? 'primary_email_address_id' : 'primary_phone_number_id'} AS p FROM users WHERE id = $1`,
        [user.id],
      )
      kind.checkRemovable?.(target, all, rows[0]?.p ?? null)
      await txRepo.delete(user.id, type, id)
    })
    const deleted: DeletedObjectJSON = { object: type, id, deleted: true }
    return envelope(c, deps, deleted, client.id)
  })

  app.post(`${path}/:id/prepare_verification`, async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const id = idParam(c.req.param('id'))
    const body = await readJson(c, PrepareBody)
    const updated = await prepareVerification(c, deps, user.id, type, id, {
      strategy: body.strategy,
      redirectUrl: body.redirect_url,
    })
    return envelope(c, deps, kind.serialize(updated), client.id)
  })

  app.post(`${path}/:id/attempt_verification`, async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const id = idParam(c.req.param('id'))
    const body = await readJson(c, AttemptBody)
    // People paste "123 456" or "123-456": separators are not part of the code.
    const code = body.code.replace(/[\s-]/g, '')
    if (!new RegExp(`^\\d{${VERIFICATION.codeLength}}$`).test(code)) {
      throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
        longMessage: `code must be ${VERIFICATION.codeLength} digits.`,
        param: 'code',
      })
    }
    const updated = await attemptVerification(deps, user.id, type, id, code)
    return envelope(c, deps, kind.serialize(updated), client.id)
  })
}
