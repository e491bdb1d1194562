import type { Hono } from 'hono'
import type { DeletedObjectJSON } from '../../src/api/wire.ts'
import { envelope, requireSignedIn } from '../auth/session.ts'
import type { ServerDeps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { requestOrigin } from '../http.ts'
import { detectImageType, MAX_IMAGE_BYTES } from '../images.ts'
import { imageJSON } from '../serialize.ts'
import { NoBody, readJson } from '../validate.ts'

/** The signed-in user's avatar: `POST` (multipart field `file`) and `DELETE /v1/me/profile_image`. */
export function profileImageRoutes(app: Hono, deps: ServerDeps): void {
  app.post('/v1/me/profile_image', async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const file = await readImageFile(c.req.raw)
    const bytes = new Uint8Array(await file.arrayBuffer())
    if (bytes.length > MAX_IMAGE_BYTES) {
      throw new ApiError(413, 'image_too_large', 'The image is too large', {
        longMessage: `The image must be at most ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.`,
        param: 'file',
      })
    }
    // The bytes decide the type: a declared image/png that is really HTML must never be served as such.
    const contentType = detectImageType(bytes)
    if (!contentType) {
      throw new ApiError(422, 'form_param_format_invalid', 'is not a supported image', {
        longMessage: 'The file must be a PNG, JPEG, GIF or WebP image.',
        param: 'file',
      })
    }
    const name = file.name ? file.name.slice(0, 256) : null
    const image = await deps.store.transaction(async (tx) => {
      const stored = await tx.blobs.put({ contentType, name, bytes })
      const previous = await tx.users.setImage(user.id, stored.id)
      if (previous) await tx.blobs.delete(previous)
      return stored
    })
    return envelope(c, deps, imageJSON({ origin: requestOrigin(c.req.raw) }, image), client.id)
  })

  app.delete('/v1/me/profile_image', async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    await readJson(c, NoBody)
    const previous = await deps.store.transaction(async (tx) => {
      const old = await tx.users.setImage(user.id, null)
      if (old) await tx.blobs.delete(old)
      return old
    })
    // Removing an absent image is not an error (a double click must not show one).
    const deleted: DeletedObjectJSON = { object: 'image', id: previous, deleted: true }
    return envelope(c, deps, deleted, client.id)
  })
}

/** The multipart `file` field, and nothing else; every malformed case is a 4xx. */
async function readImageFile(request: Request): Promise<File> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(type)) {
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
      throw new ApiError(422, 'form_param_unknown', 'is unknown', {
        longMessage: `${key} is not a recognized parameter.`,
        param: key,
      })
    }
  }
  const files = form.getAll('file')
  const file = files[0]
  if (files.length !== 1 || !(file instanceof File)) {
    throw new ApiError(422, 'form_param_missing', 'is missing', {
      longMessage: 'Attach exactly one image file in the "file" field.',
      param: 'file',
    })
  }
  return file
}
