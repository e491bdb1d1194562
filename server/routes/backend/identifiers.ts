import { Hono } from 'hono'
import { z } from 'zod'
import { sendJson } from '../../http.ts'
import { deletedJSON } from '../../serialize/backend.ts'
import { emailAddressJSON, phoneNumberJSON } from '../../serialize/frontend.ts'
import type { IdentificationType } from '../../storage/identifications.ts'
import type { IdentificationRecord } from '../../storage/records.ts'
import type { RouteDeps } from '../env.ts'
import { json, NoBody } from '../validate.ts'

const Flag = z.boolean().nullable().optional()

/** What each kind's bodies take besides `verified` and `primary` (Clerk's names). */
const BODIES = {
  email_address: {
    create: z.strictObject({ user_id: z.string().max(64), email_address: z.string().max(320), verified: Flag, primary: Flag, notify_primary_email_address_changed: Flag }),
    update: z.strictObject({ verified: Flag, primary: Flag, notify_primary_email_address_changed: Flag }),
  },
  phone_number: {
    create: z.strictObject({ user_id: z.string().max(64), phone_number: z.string().max(32), verified: Flag, primary: Flag, reserved_for_second_factor: Flag }),
    update: z.strictObject({ verified: Flag, primary: Flag, reserved_for_second_factor: Flag }),
  },
} as const

type CreateBody = { user_id: string; verified?: boolean | null; primary?: boolean | null } & Partial<Record<IdentificationType, string>>

/** `/v1/email_addresses` or `/v1/phone_numbers`: create for a user, read, update (verified, primary), delete. */
export function identifierRoutes(deps: RouteDeps, type: IdentificationType) {
  const { identifiers } = deps.domain
  const serialize: (idn: IdentificationRecord) => unknown = type === 'email_address' ? emailAddressJSON : phoneNumberJSON
  const bodies = BODIES[type]
  return new Hono()
    .post('/', json(bodies.create), async (c) => {
      const body = c.req.valid('json') as CreateBody
      const created = await identifiers.addForUser(body.user_id, type, body[type] ?? '', {
        verified: body.verified ?? true,
        primary: body.primary === true,
      })
      return sendJson(c, serialize(await identifiers.find(type, created.id)))
    })
    .get('/:id', async (c) => sendJson(c, serialize(await identifiers.find(type, c.req.param('id')))))
    .patch('/:id', json(bodies.update), async (c) => sendJson(c, serialize(await identifiers.update(type, c.req.param('id'), c.req.valid('json')))))
    .delete('/:id', json(NoBody), async (c) => {
      await identifiers.remove(null, type, c.req.param('id'), 'operator')
      return sendJson(c, deletedJSON(type, c.req.param('id')))
    })
}
