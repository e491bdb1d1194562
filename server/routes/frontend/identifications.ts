import { Hono } from 'hono'
import { z } from 'zod'
import { formatInvalid, notFound } from '../../errors.ts'
import { requestOrigin } from '../../http.ts'
import { emailAddressJSON, phoneNumberJSON } from '../../serialize/frontend.ts'
import type { IdentificationType } from '../../storage/identifications.ts'
import type { IdentificationRecord } from '../../storage/records.ts'
import { noun } from '../../users/rules.ts'
import { VERIFICATION } from '../../verification/codes.ts'
import type { RouteDeps, SignedInEnv } from '../env.ts'
import { json, NoBody } from '../validate.ts'
import { envelope } from './envelope.ts'

// Ids are short prefixed tokens; anything longer or stranger cannot be one, so it is a plain 404.
const ID_PATTERN = /^idn_[0-9A-Za-z]{1,64}$/

const STRATEGIES = { email_address: ['email_code', 'email_link'], phone_number: ['phone_code'] } as const

const CREATE_BODIES = {
  email_address: z.strictObject({ email_address: z.string().max(320) }),
  phone_number: z.strictObject({ phone_number: z.string().max(320) }),
} as const

const AttemptBody = z.strictObject({ code: z.string().max(64) })

/**
 * `/v1/me/email_addresses` or `/v1/me/phone_numbers`: list, add, read, remove,
 * `prepare_verification` and `attempt_verification`. Another user's id is a 404 on every route.
 */
export function identificationRoutes(deps: RouteDeps, type: IdentificationType) {
  const { identifiers, verification } = deps.domain
  const serialize: (idn: IdentificationRecord) => unknown = type === 'email_address' ? emailAddressJSON : phoneNumberJSON
  const PrepareBody = z.strictObject({
    // A string first, so a missing strategy is form_param_missing rather than a format error.
    strategy: z.string().pipe(z.enum(STRATEGIES[type])),
    redirect_url: z.string().max(2048).optional(),
  })
  const idOf = (value: string): string => {
    if (!ID_PATTERN.test(value)) throw notFound(noun(type))
    return value
  }

  return new Hono<SignedInEnv>()
    .get('/', async (c) => envelope(c, deps, (await deps.store.identifications.list(c.var.user.id, type)).map(serialize), c.var.client.id))
    .post('/', json(CREATE_BODIES[type]), async (c) => {
      const body = c.req.valid('json') as Partial<Record<IdentificationType, string>>
      const created = await identifiers.add(c.var.user.id, type, body[type] ?? '')
      return envelope(c, deps, serialize(created), c.var.client.id)
    })
    .get('/:id', async (c) => {
      const found = await deps.store.identifications.get(c.var.user.id, type, idOf(c.req.param('id')))
      if (!found) throw notFound(noun(type))
      return envelope(c, deps, serialize(found), c.var.client.id)
    })
    .delete('/:id', json(NoBody), async (c) => {
      const id = idOf(c.req.param('id'))
      await identifiers.remove(c.var.user.id, type, id, 'user')
      return envelope(c, deps, { object: type, id, deleted: true as const }, c.var.client.id)
    })
    .post('/:id/prepare_verification', json(PrepareBody), async (c) => {
      const body = c.req.valid('json')
      const updated = await verification.prepare(c.var.user.id, type, idOf(c.req.param('id')), {
        strategy: body.strategy,
        redirectUrl: body.redirect_url,
        origin: requestOrigin(c.req.raw),
      })
      return envelope(c, deps, serialize(updated), c.var.client.id)
    })
    .post('/:id/attempt_verification', json(AttemptBody), async (c) => {
      // People paste "123 456" or "123-456": separators are not part of the code.
      const code = c.req.valid('json').code.replace(/[\s-]/g, '')
      if (!new RegExp(`^\\d{${VERIFICATION.codeLength}}$`).test(code)) {
        throw formatInvalid('code', `code must be ${VERIFICATION.codeLength} digits.`)
      }
      const updated = await verification.attempt(c.var.user.id, type, idOf(c.req.param('id')), code)
      return envelope(c, deps, serialize(updated), c.var.client.id)
    })
}

