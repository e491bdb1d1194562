import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { ApiError } from '../errors.ts'

/** JSON bodies are small; only uploads (multipart, read apart) may be large. */
export const JSON_BODY_LIMIT = 64 * 1024

const tooLarge = () =>
  new ApiError(413, 'request_body_too_large', 'Request body too large', {
    longMessage: 'The request body is larger than the server accepts.',
  })

/** Counts a body that comes without a Content-Length (chunked, or a Request built in process) as it streams. */
const streamedLimit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw tooLarge()
    },
  })

/**
 * The body's length when its framing tells it without reading: an exact Content-Length (Node's
 * parser frames the body by it), or 0 for a request off a Node socket with neither Content-Length
 * nor Transfer-Encoding, which HTTP/1.1 says has no body. `undefined` when only reading can tell
 * (chunked, or a Request built in process, whose headers need not carry a length).
 */
function framedLength(c: Context): number | undefined {
  if (c.req.header('transfer-encoding') !== undefined) return undefined
  const length = c.req.header('content-length')
  if (length !== undefined) return /^\d+$/.test(length) ? Number(length) : undefined
  const offTheWire = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined
  return offTheWire ? 0 : undefined
}

/**
 * 413 for a body past `maxSize`, decided from the framing when it can be (the body keeps its fast
 * read path), else counted as it streams (a missing or false Content-Length changes nothing).
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const streamed = streamedLimit(maxSize)
  return async (c, next) => {
    const length = framedLength(c)
    if (length === undefined) return streamed(c, next)
    if (length > maxSize) throw tooLarge()
    return next()
  }
}

/**
 * Validation as middleware: reads the JSON body (at most `JSON_BODY_LIMIT`), validates it with a
 * strict zod schema mapped to Clerk's error codes, and hands it to the handler as
 * `c.req.valid('json')`. Bad input of any shape is a 4xx before the handler runs.
 */
export function json<S extends z.ZodType>(schema: S): MiddlewareHandler<any, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  const streamed = streamedLimit(JSON_BODY_LIMIT)
  return (async (c, next) => {
    const validate = async () => {
      c.req.addValidatedData('json', (await readJson(c, schema)) as object)
      await next()
    }
    const length = framedLength(c)
    if (length === undefined) return streamed(c, validate)
    if (length > JSON_BODY_LIMIT) throw tooLarge()
    if (length > 0) return validate()
    // Nothing to read: the body-less call most routes take.
    c.req.addValidatedData('json', check(schema, {}) as object)
    await next()
  }) as MiddlewareHandler
}

/** For routes that take no parameters: an empty body or `{}`, anything else is `form_param_unknown`. */
export const NoBody = z.strictObject({})

/**
 * Reads the JSON body and validates it with a strict zod schema. An empty body counts as `{}` so
 * that body-less calls work; anything that is not JSON, or does not fit, throws a 4xx `ApiError`.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text()
  let body: unknown = {}
  if (text.trim() !== '') {
    const type = c.req.header('content-type') ?? ''
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiError(415, 'unsupported_content_type', 'Unsupported content type', {
        longMessage: 'Send the request body as application/json.',
      })
    }
    try {
      body = JSON.parse(text)
    } catch {
      throw new ApiError(400, 'request_body_invalid', 'Malformed JSON', {
        longMessage: 'The request body is not valid JSON.',
      })
    }
  }
  const nul = findNul(body)
  if (nul !== null) throw nulError(nul)
  return check(schema, body)
}

/**
 * The path of the first string (or key) holding U+0000, or null. PostgreSQL text and jsonb cannot
 * store it, so it is refused as bad input instead of failing in the database.
 */
export function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, `${path}[${i}]`)
      if (found !== null) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key
      if (key.includes('\u0000')) return here
      const found = findNul(item, here)
      if (found !== null) return found
    }
  }
  return null
}

/** The 422 for a NUL character at `path`, named by its top-level parameter. */
export function nulError(path: string): ApiError {
  const top = path.split(/[.[]/)[0] || undefined
  return new ApiError(422, 'form_param_format_invalid', 'is invalid', {
    longMessage: `${top ?? 'The request'} must not contain the NUL character.`,
    param: top,
  })
}

/** Validates `value`, mapping the first zod issue to Clerk's error codes. */
export function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  // reportInput: zod 4 leaves `input` off issues by default, and a missing field is told apart by it.
  const result = schema.safeParse(value, { reportInput: true })
  if (result.success) return result.data
  throw toApiError(result.error.issues[0])
}

function toApiError(issue: z.core.$ZodIssue | undefined): ApiError {
  if (!issue) return new ApiError(422, 'form_param_format_invalid', 'is invalid')
  const param = issue.path.map(String).join('.') || undefined
  if (issue.code === 'unrecognized_keys') {
    const key = [param, issue.keys[0]].filter(Boolean).join('.')
    return new ApiError(422, 'form_param_unknown', 'is unknown', {
      longMessage: `${key} is not a recognized parameter.`,
      param: key,
    })
  }
  if (!param) {
    return new ApiError(400, 'request_body_invalid', 'Invalid request body', {
      longMessage: 'The request body must be a JSON object.',
    })
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return new ApiError(422, 'form_param_missing', 'is missing', { longMessage: `${param} must be included.`, param })
  }
  if (issue.code === 'too_big') {
    return new ApiError(422, 'form_param_max_length_exceeded', 'is too long', {
      longMessage: `${param} must be at most ${String(issue.maximum)} characters long.`,
      param,
    })
  }
  return new ApiError(422, 'form_param_format_invalid', 'is invalid', {
    longMessage: `${param} is invalid: ${issue.message}.`,
    param,
  })
}
