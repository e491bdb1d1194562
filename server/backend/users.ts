import type { Context, Hono } from 'hono'
import { z } from 'zod'
import type { ServerDeps } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { requestOrigin, sendJson } from '../http.ts'
import { checkUsername, NAME_MAX_LENGTH, readJson } from '../validate.ts'
import { checkPassword, createBackendUser, CreateUserBody, uniqueToApiError } from './create-user.ts'
import { backendUserJSON, deletedJSON } from './serialize.ts'
import { backendRepo, type BackendUserPatch } from './store.ts'
import { userCountQuery, userListQuery } from './user-filters.ts'

const Name = z.string().max(NAME_MAX_LENGTH).nullable().optional()
const Metadata = z.record(z.string(), z.unknown())

const UpdateUserBody = z.strictObject({
  external_id: z.string().min(1).max(256).nullable().optional(),
  first_name: Name,
  last_name: Name,
  username: z.string().max(256).nullable().optional(),
  primary_email_address_id: z.string().max(64).optional(),
  primary_phone_number_id: z.string().max(64).optional(),
  password: z.string().max(1024).optional(),
  skip_password_checks: z.boolean().nullable().optional(),
  sign_out_of_other_sessions: z.boolean().nullable().optional(),
  // Replaced whole, as in Clerk (the deprecated form; /metadata merges).
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
  unsafe_metadata: Metadata.optional(),
  created_at: z.string().datetime({ offset: true }).optional(),
})

/** Loads users with their private metadata, in the order of `ids`. */
export async function loadBackendUsers(c: Context, deps: ServerDeps, ids: readonly string[]) {
  const users = await deps.store.users.getMany(ids)
  const privates = await backendRepo(deps.store.db, deps.options.now).privateMetadata(ids)
  const ctx = { origin: requestOrigin(c.req.raw) }
  return ids.flatMap((id) => {
    const user = users.get(id)
    return user ? [backendUserJSON(ctx, user, privates.get(id) ?? {})] : []
  })
}

/** Answers the Backend API's user JSON for `id`, or a 404 when there is no such user. */
export async function sendBackendUser(c: Context, deps: ServerDeps, id: string, status = 200): Promise<Response> {
  const [user] = await loadBackendUsers(c, deps, [id])
  if (!user) throw notFound('user')
  return sendJson(c, user, status)
}

/** `/v1/users`: create, list, count, read, update, delete. */
export function userRoutes(app: Hono, deps: ServerDeps): void {
  const repo = backendRepo(deps.store.db, deps.options.now)

  app.post('/v1/users', async (c) => {
    const body = await readJson(c, CreateUserBody)
    const id = await createBackendUser(deps, body)
    return sendBackendUser(c, deps, id)
  })

  // A bare array, as Clerk answers; the total is `GET /v1/users/count` (@clerk/backend asks both at once).
  app.get('/v1/users', async (c) => {
    const ids = await repo.listUserIds(userListQuery(c.req.url))
    return sendJson(c, await loadBackendUsers(c, deps, ids))
  })

  app.get('/v1/users/count', async (c) => {
    const total = await repo.countUsers(userCountQuery(c.req.url))
    return sendJson(c, { object: 'total_count', total_count: total })
  })

  app.get('/v1/users/:id', (c) => sendBackendUser(c, deps, c.req.param('id')))

  app.patch('/v1/users/:id', async (c) => {
    const id = c.req.param('id')
    const body = await readJson(c, UpdateUserBody)
    const current = await deps.store.users.get(id)
    if (!current) throw notFound('user')
    const patch: BackendUserPatch = {
      firstName: body.first_name === undefined ? undefined : body.first_name?.trim() || null,
      lastName: body.last_name === undefined ? undefined : body.last_name?.trim() || null,
      externalId: body.external_id,
    }
    if (body.username !== undefined) {
      patch.username = body.username || null
      if (patch.username) checkUsername(patch.username)
    }
    if (body.primary_email_address_id !== undefined) {
      if (!current.emailAddresses.some((e) => e.id === body.primary_email_address_id && e.verificationStatus === 'verified')) {
        throw notPrimary('primary_email_address_id')
      }
      patch.primaryEmailAddressId = body.primary_email_address_id
    }
    if (body.primary_phone_number_id !== undefined) {
      if (!current.phoneNumbers.some((p) => p.id === body.primary_phone_number_id && p.verificationStatus === 'verified')) {
        throw notPrimary('primary_phone_number_id')
      }
      patch.primaryPhoneNumberId = body.primary_phone_number_id
    }
    if (body.password !== undefined) {
      checkPassword(body.password, body.skip_password_checks === true)
      patch.passwordHash = await deps.hasher.hash(body.password)
    }
    if (body.created_at !== undefined) patch.createdAt = Date.parse(body.created_at)
    await deps.store.db.transaction(async (tx) => {
      const txRepo = backendRepo(tx, deps.options.now)
      try {
        await txRepo.updateUser(id, patch)
      } catch (error) {
        uniqueToApiError(error, 'username')
      }
      await txRepo.setMetadata(id, {
        publicMetadata: body.public_metadata,
        privateMetadata: body.private_metadata,
        unsafeMetadata: body.unsafe_metadata,
      })
      // A new password signs the user out everywhere when asked to, as Clerk's flag does.
      if (body.password !== undefined && body.sign_out_of_other_sessions) await txRepo.revokeUserSessions(id)
    })
    return sendBackendUser(c, deps, id)
  })

  app.delete('/v1/users/:id', async (c) => {
    const id = c.req.param('id')
    const existed = await deps.store.db.transaction((tx) => backendRepo(tx, deps.options.now).deleteUser(id))
    if (!existed) throw notFound('user')
    return sendJson(c, deletedJSON('user', id))
  })
}

const notPrimary = (param: string) =>
  new ApiError(422, 'form_param_format_invalid', 'is invalid', {
    longMessage: `${param} must name a verified identifier of this user.`,
    param,
  })
