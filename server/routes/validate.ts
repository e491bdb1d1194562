import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { every } from 'hono/combine'
import { z } from 'zod'
import { ApiError } from '../errors.ts'

/** JSON bodies are small; only uploads (multipart, read apart) may be large. */
export const JSON_BODY_LIMIT = 64 * 1024

/** 413 for a body past `maxSize`, counted as it streams (a missing or false Content-Length changes nothing). */
export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'request_body_too_large', 'Request body too large', {
        longMessage: 'The request body is larger than the server accepts.',
      })
    },
  })

/**
 * Validation as middleware: reads the JSON body (at most `JSON_BODY_LIMIT`), validates it with a
 * strict zod schema mapped to Clerk's error codes, and hands it to the handler as
 * `c.req.valid('json')`. Bad input of any shape is a 4xx before the handler runs.
 */
export function json<S extends z.ZodType>(schema: S): MiddlewareHandler<any, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  const validate: MiddlewareHandler = async (c, next) => {
    c.req.addValidatedData('json', (await readJson(c, schema)) as object)
    await next()
  }
  return every(limitBody(JSON_BODY_LIMIT), validate) as MiddlewareHandler
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
