import type { ErrorItemJSON, ErrorsJSON } from '../src/api/wire.ts'

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
  readonly code: string
  readonly longMessage: string
  readonly param: string | undefined
  readonly headers: Record<string, string>

  constructor(status: number, code: string, message: string, options: ApiErrorOptions = {}) {
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
