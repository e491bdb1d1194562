import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from './errors.ts'

/** Username rules, shared by `PATCH /v1/me`, seeding and (later) the Backend API. */
export const USERNAME = { minLength: 4, maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/ } as const

/** Longest first or last name accepted. */
export const NAME_MAX_LENGTH = 256

/** Throws the 422 Clerk answers for a username that breaks the rules. */
export function checkUsername(username: string, param = 'username'): void {
  if (username.length < USERNAME.minLength || username.length > USERNAME.maxLength) {
    throw new ApiError(422, 'form_username_invalid_length', 'is invalid', {
      longMessage: `Username must be between ${USERNAME.minLength} and ${USERNAME.maxLength} characters long.`,
      param,
    })
  }
  if (!USERNAME.pattern.test(username)) {
    throw new ApiError(422, 'form_username_invalid_character', 'is invalid', {
      longMessage: 'Username can only contain letters, numbers, "_" and "-".',
      param,
    })
  }
}

/** A deliberately loose email check: one @, something on each side, a dot in the domain, no spaces. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
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
