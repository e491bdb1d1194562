import { ApiError, formatInvalid } from '../errors.ts'
import type { ImageUpload } from '../users/profile.ts'

/**
 * Reads an image upload: a multipart/form-data body with exactly one `file` field and nothing else.
 * Every malformed case is a 4xx; the bytes are checked by the domain (size, type by magic number).
 */
export async function readImageUpload(request: Request): Promise<ImageUpload> {
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
  if (files.length !== 1 || !(file instanceof File)) {
    throw new ApiError(422, 'form_param_missing', 'is missing', {
      longMessage: 'Attach exactly one image file in the "file" field.',
      param: 'file',
    })
  }
  // PostgreSQL text cannot hold NUL: a name carrying one is refused, not a 500.
  if (file.name.includes('\u0000')) throw formatInvalid('file', 'The file name must not contain the NUL character.')
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name || null }
}
