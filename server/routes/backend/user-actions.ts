import { Hono } from 'hono'
import { z } from 'zod'
import { notFound } from '../../errors.ts'
import { sendJson } from '../../http.ts'
import { MAX_IMAGE_BYTES } from '../../images.ts'
import type { RouteDeps } from '../env.ts'
import { readImageUpload } from '../multipart.ts'
import { json, limitBody, NoBody } from '../validate.ts'
import { sendBackendUser } from './users.ts'

/** Each field: an object, or (PUT only) `null` for an empty object. */
const MetadataBody = z.strictObject({
  public_metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  private_metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  unsafe_metadata: z.record(z.string(), z.unknown()).nullable().optional(),
})

const VerifyPasswordBody = z.strictObject({ password: z.string().min(1).max(1024) })

/** `/v1/users/{id}/…`: metadata, profile image, password check, ban and unban. */
export function userActionRoutes(deps: RouteDeps) {
  const { users } = deps.domain
  const app = new Hono()
  // PATCH deep-merges into the stored objects; PUT replaces each object given (the others stay).
  for (const [method, mode] of [['patch', 'merge'], ['put', 'replace']] as const) {
    app[method]('/:id/metadata', json(MetadataBody), async (c) => {
      const body = c.req.valid('json')
      const id = c.req.param('id')
      await users.updateMetadata(id, { publicMetadata: body.public_metadata, privateMetadata: body.private_metadata, unsafeMetadata: body.unsafe_metadata }, mode)
      return sendBackendUser(c, deps, id)
    })
  }
  for (const action of ['ban', 'unban'] as const) {
    app.post(`/:id/${action}`, json(NoBody), async (c) => {
      await users.setBanned(c.req.param('id'), action === 'ban')
      return sendBackendUser(c, deps, c.req.param('id'))
    })
  }
  return app
    .post('/:id/profile_image', limitBody(MAX_IMAGE_BYTES + 64 * 1024), async (c) => {
      const id = c.req.param('id')
      // A missing user is a 404 whatever the body holds.
      if (!(await deps.store.users.get(id))) throw notFound('user')
      await users.setImage(id, await readImageUpload(c.req.raw), 'backend')
      return sendBackendUser(c, deps, id)
    })
    .delete('/:id/profile_image', json(NoBody), async (c) => {
      await users.removeImage(c.req.param('id'))
      return sendBackendUser(c, deps, c.req.param('id'))
    })
    .post('/:id/verify_password', json(VerifyPasswordBody), async (c) => {
      await users.verifyPassword(c.req.param('id'), c.req.valid('json').password)
      return sendJson(c, { verified: true })
    })
}
