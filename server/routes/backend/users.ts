import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { BackendUserJSON } from '../../../src/wire/index.ts'
import { notFound } from '../../errors.ts'
import { requestOrigin, sendJson } from '../../http.ts'
import { backendUserJSON, deletedJSON } from '../../serialize/backend.ts'
import { NAME_MAX_LENGTH } from '../../users/rules.ts'
import type { RouteDeps } from '../env.ts'
import { json } from '../validate.ts'
import { userActionRoutes } from './user-actions.ts'
import { userCountQuery, userListQuery } from './user-query.ts'

const Name = z.string().max(NAME_MAX_LENGTH).nullable().optional()
const Metadata = z.record(z.string(), z.unknown())
const Timestamp = z.string().datetime({ offset: true })

/** The fields `POST` and `PATCH /v1/users` share, by Clerk's names; anything else is `form_param_unknown`. */
const UserFields = {
  external_id: z.string().min(1).max(256).nullable().optional(),
  first_name: Name,
  last_name: Name,
  username: z.string().max(256).nullable().optional(),
  skip_password_checks: z.boolean().nullable().optional(),
  // PATCH replaces each object whole, as in Clerk (the deprecated form; /metadata merges).
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
  unsafe_metadata: Metadata.optional(),
  created_at: Timestamp.optional(),
}

const CreateUserBody = z.strictObject({
  ...UserFields,
  email_address: z.array(z.string().max(320)).max(20).optional(),
  phone_number: z.array(z.string().max(32)).max(20).optional(),
  password: z.string().max(1024).nullable().optional(),
  skip_password_requirement: z.boolean().nullable().optional(),
})

const UpdateUserBody = z.strictObject({
  ...UserFields,
  primary_email_address_id: z.string().max(64).optional(),
  primary_phone_number_id: z.string().max(64).optional(),
  password: z.string().max(1024).optional(),
  sign_out_of_other_sessions: z.boolean().nullable().optional(),
})

/** Loads users with their private metadata, in the order of `ids`. */
export async function loadBackendUsers(c: Context, deps: RouteDeps, ids: readonly string[]): Promise<BackendUserJSON[]> {
  const users = await deps.store.users.getMany(ids)
  const privates = await deps.store.users.privateMetadata(ids)
  const ctx = { origin: requestOrigin(c.req.raw) }
  return ids.flatMap((id) => {
    const user = users.get(id)
    return user ? [backendUserJSON(ctx, user, privates.get(id) ?? {})] : []
  })
}

/** Answers the Backend API's user JSON for `id`, or a 404 when there is no such user. */
export async function sendBackendUser(c: Context, deps: RouteDeps, id: string): Promise<Response> {
  const [user] = await loadBackendUsers(c, deps, [id])
  if (!user) throw notFound('user')
  return sendJson(c, user)
}

/** `/v1/users`: create, list, count, read, update, delete, and the actions under `/{id}/…`. */
export function userRoutes(deps: RouteDeps) {
  const { users } = deps.domain
  return (
    new Hono()
      .post('/', json(CreateUserBody), async (c) => {
        const body = c.req.valid('json')
        const id = await users.create({
          emailAddresses: body.email_address,
          phoneNumbers: body.phone_number,
          username: body.username,
          password: body.password,
          skipPasswordChecks: body.skip_password_checks === true,
          firstName: body.first_name,
          lastName: body.last_name,
          externalId: body.external_id,
          publicMetadata: body.public_metadata,
          privateMetadata: body.private_metadata,
          unsafeMetadata: body.unsafe_metadata,
          createdAt: body.created_at ? Date.parse(body.created_at) : undefined,
        })
        return sendBackendUser(c, deps, id)
      })
      // A bare array, as Clerk answers; the total is `GET /v1/users/count` (@clerk/backend asks both at once).
      .get('/', async (c) => {
        const { filter, order, page } = userListQuery(c.req.url)
        return sendJson(c, await loadBackendUsers(c, deps, await deps.store.users.listIds(filter, order, page)))
      })
      .get('/count', async (c) => {
        const total = await deps.store.users.count(userCountQuery(c.req.url))
        return sendJson(c, { object: 'total_count', total_count: total })
      })
      .get('/:id', (c) => sendBackendUser(c, deps, c.req.param('id')))
      .patch('/:id', json(UpdateUserBody), async (c) => {
        const id = c.req.param('id')
        const body = c.req.valid('json')
        await users.update(
          id,
          {
            firstName: body.first_name,
            lastName: body.last_name,
            username: body.username,
            externalId: body.external_id,
            primaryEmailAddressId: body.primary_email_address_id,
            primaryPhoneNumberId: body.primary_phone_number_id,
            password: body.password,
            skipPasswordChecks: body.skip_password_checks === true,
            signOutOfOtherSessions: body.sign_out_of_other_sessions === true,
            publicMetadata: body.public_metadata,
            privateMetadata: body.private_metadata,
            unsafeMetadata: body.unsafe_metadata,
            createdAt: body.created_at === undefined ? undefined : Date.parse(body.created_at),
          },
          'backend',
        )
        return sendBackendUser(c, deps, id)
      })
      .delete('/:id', async (c) => {
        const id = c.req.param('id')
        await users.delete(id)
        return sendJson(c, deletedJSON('user', id))
      })
      .route('/', userActionRoutes(deps))
  )
}
