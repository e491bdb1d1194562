import type { ErrorCode, ErrorItemJSON, ErrorsJSON } from '../src/wire/index.ts'

/** Options for an `ApiError` beyond status, code and message. */
export interface ApiErrorOptions {
  /** A sentence for people; defaults to `message`. */
  longMessage?: string
  /** The request field at fault (`meta.param_name`), so forms can show the error at that field. */
  param?: string
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  headers?: Record<string, string>
}

/**
 * The one HTTP error of the server: thrown anywhere, turned into the Clerk-shaped error JSON by the
 * app's single `onError`. Anything else that escapes a route is a bug and answers 500.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly longMessage: string
  readonly param: string | undefined
  readonly headers: Record<string, string>

  constructor(status: number, code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.longMessage = options.longMessage ?? message
    this.param = options.param
    this.headers = options.headers ?? {}
  }

  /** The `errors` item this error writes. */
  toItem(): ErrorItemJSON {
    return {
      code: this.code,
      message: this.message,
      long_message: this.longMessage,
      meta: this.param === undefined ? {} : { param_name: this.param },
    }
  }

  /** The whole error body, with a trace id to find the request in logs. */
  toJSON(traceId: string): ErrorsJSON {
    return { errors: [this.toItem()], clerk_trace_id: traceId }
  }
}

/** 401: no session on this client. */
export const signedOut = () =>
  new ApiError(401, 'signed_out', 'You are signed out', { longMessage: 'You need to sign in to continue.' })

/** 404: an id that does not exist or is not the signed-in user's (the two are indistinguishable on purpose). */
export const notFound = (what = 'resource') =>
  new ApiError(404, 'resource_not_found', 'not found', { longMessage: `No ${what} was found.` })

/** 422 `form_param_format_invalid` at `param`: the value is not of the form the field takes. */
export const formatInvalid = (param: string | undefined, longMessage: string, message = 'is invalid') =>
  new ApiError(422, 'form_param_format_invalid', message, { longMessage, param })

/** 429 with `Retry-After`: a rate limit said no until `retryAt` (Unix ms). */
export function tooManyRequests(retryAt: number, now: number, what: string): ApiError {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000))
  return new ApiError(429, 'too_many_requests', 'Too many requests. Please try again later.', {
    longMessage: `Too many ${what}. Try again in ${seconds} seconds.`,
    headers: { 'Retry-After': String(seconds) },
  })
}
