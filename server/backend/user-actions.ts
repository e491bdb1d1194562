import type { Hono } from 'hono'
import { z } from 'zod'
import type { ServerDeps } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { detectImageType, MAX_IMAGE_BYTES } from '../images.ts'
import { sendJson } from '../http.ts'
import { NoBody, readJson } from '../validate.ts'
import { backendRepo, type Metadata } from './store.ts'
import { sendBackendUser } from './users.ts'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Clerk's metadata merge: objects merge key by key at every depth, `null` deletes a key, anything else replaces. */
export function deepMerge(target: Json, patch: Json): Json {
  const out: Json = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else if (isObject(value) && isObject(out[key])) out[key] = deepMerge(out[key] as Json, value)
    else if (isObject(value)) out[key] = deepMerge({}, value)
    else out[key] = value
  }
  return out
}

/** Each field: an object, or (PUT only) `null` for an empty object. */
const MetadataBody = z.strictObject({
  public_metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  private_metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  unsafe_metadata: z.record(z.string(), z.unknown()).nullable().optional(),
})

/** Metadata is stored as JSON; keep one user's well under the body limit's order of size. */
const MAX_METADATA_BYTES = 32 * 1024

function checkSize(metadata: Metadata): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (value !== undefined && JSON.stringify(value).length > MAX_METADATA_BYTES) {
      const param = key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)
      throw new ApiError(422, 'form_param_max_length_exceeded', 'is too large', {
        longMessage: `${param} must be at most ${MAX_METADATA_BYTES / 1024} KB of JSON.`,
        param,
      })
    }
  }
}

/** `/v1/users/{id}/…`: metadata, profile image, password check, ban and unban. */
export function userActionRoutes(app: Hono, deps: ServerDeps): void {
  const repo = backendRepo(deps.store.db, deps.options.now)

  // PATCH deep-merges into the stored objects; PUT replaces each object given (the others stay).
  for (const method of ['patch', 'put'] as const) {
    app[method]('/v1/users/:id/metadata', async (c) => {
      const id = c.req.param('id')
      const body = await readJson(c, MetadataBody)
      await deps.store.db.transaction(async (tx) => {
        const txRepo = backendRepo(tx, deps.options.now)
        // Locked: two merges at once must not lose one another's keys.
        const stored = await txRepo.metadataForUpdate(id)
        if (!stored) throw notFound('user')
        const next: Metadata = {}
        const pairs = [
          ['publicMetadata', body.public_metadata],
          ['privateMetadata', body.private_metadata],
          ['unsafeMetadata', body.unsafe_metadata],
        ] as const
        for (const [key, value] of pairs) {
          if (value === undefined) continue
          next[key] = method === 'put' ? (value ?? {}) : value === null ? stored[key] : deepMerge(stored[key], value)
        }
        checkSize(next)
        await txRepo.setMetadata(id, next)
      })
      return sendBackendUser(c, deps, id)
    })
  }

  app.post('/v1/users/:id/profile_image', async (c) => {
    const id = c.req.param('id')
    if (!(await deps.store.users.get(id))) throw notFound('user')
    const bytes = await readImage(c.req.raw)
    const contentType = detectImageType(bytes)
    // 400, not 422: Clerk's spec lists 400 for a file that is not an image.
    if (!contentType) {
      throw new ApiError(400, 'form_param_format_invalid', 'is not a supported image', {
        longMessage: 'The file must be a PNG, JPEG, GIF or WebP image.',
        param: 'file',
      })
    }
    await deps.store.transaction(async (tx) => {
      const stored = await tx.blobs.put({ contentType, bytes })
      const previous = await tx.users.setImage(id, stored.id)
      if (previous) await tx.blobs.delete(previous)
    })
    return sendBackendUser(c, deps, id)
  })

  app.delete('/v1/users/:id/profile_image', async (c) => {
    const id = c.req.param('id')
    await readJson(c, NoBody)
    if (!(await deps.store.users.get(id))) throw notFound('user')
    await deps.store.transaction(async (tx) => {
      const previous = await tx.users.setImage(id, null)
      if (previous) await tx.blobs.delete(previous)
    })
    return sendBackendUser(c, deps, id)
  })

  app.post('/v1/users/:id/verify_password', async (c) => {
    const id = c.req.param('id')
    const body = await readJson(c, z.strictObject({ password: z.string().min(1).max(1024) }))
    if (!(await deps.store.users.get(id))) throw notFound('user')
    const hash = await repo.passwordHash(id)
    if (!hash) {
      throw new ApiError(400, 'password_not_set', 'The user has no password', {
        longMessage: 'This user does not have a password set.',
      })
    }
    if (!(await deps.hasher.verify(body.password, hash))) {
      throw new ApiError(422, 'form_password_incorrect', 'Password is incorrect.', { param: 'password' })
    }
    return sendJson(c, { verified: true })
  })

  for (const action of ['ban', 'unban'] as const) {
    app.post(`/v1/users/:id/${action}`, async (c) => {
      const id = c.req.param('id')
      await readJson(c, NoBody)
      const found = await deps.store.db.transaction((tx) => backendRepo(tx, deps.options.now).setBanned(id, action === 'ban'))
      if (!found) throw notFound('user')
      return sendBackendUser(c, deps, id)
    })
  }
}

/** The multipart `file` field as bytes; every malformed case is a 4xx. */
async function readImage(request: Request): Promise<Uint8Array> {
  if (!/^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_content_type', 'Unsupported content type', {
      longMessage: 'Send the image as multipart/form-data with a "file" field.',
    })
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw new ApiError(400, 'request_body_invalid', 'Malformed multipart body', {
      longMessage: 'The request body is not valid multipart/form-data.',
    })
  }
  for (const key of form.keys()) {
    if (key !== 'file') {
      throw new ApiError(422, 'form_param_unknown', 'is unknown', { longMessage: `${key} is not a recognized parameter.`, param: key })
    }
  }
  const files = form.getAll('file')
  const file = files[0]
  if (files.length !== 1 || typeof file === 'string' || !file) {
    throw new ApiError(422, 'form_param_missing', 'is missing', { longMessage: 'Attach one image in the "file" field.', param: 'file' })
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new ApiError(413, 'image_too_large', 'The image is too large', {
      longMessage: `The image must be at most ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.`,
      param: 'file',
    })
  }
  return bytes
}
