import type { ApiErrorItem } from './types.ts'
import type { ErrorCode, ErrorItemJSON, ErrorsJSON } from '../wire/index.ts'

/**
 * The one error every client call rejects with: an error answer from the server (its status and
 * error list), a network failure (`status: 0`, code `network_error`) or an answer that is not the
 * expected JSON (code `unexpected_response`).
 */
export class UserkitApiError extends Error {
  override readonly name = 'UserkitApiError'
  /** The HTTP status, or 0 when no answer arrived. */
  readonly status: number
  /** The server's error list, camelCase; never empty. */
  readonly errors: readonly ApiErrorItem[]
  /** Seconds to wait before retrying, from `Retry-After` (429 answers). */
  readonly retryAfter: number | undefined
  readonly clerkTraceId: string | undefined

  constructor(status: number, errors: readonly ApiErrorItem[], retryAfter?: number, clerkTraceId?: string) {
    super(errors[0]?.longMessage || errors[0]?.message || `Request failed (${status})`)
    this.status = status
    this.errors = errors
    this.retryAfter = retryAfter
    this.clerkTraceId = clerkTraceId
  }

  /** The first error's code, for quick checks such as `error.code === 'form_password_incorrect'`. */
  get code(): ApiErrorItem['code'] | undefined {
    return this.errors[0]?.code
  }
}

export function parseErrorItem(json: ErrorItemJSON): ApiErrorItem {
  const { param_name, ...rest } = json.meta ?? {}
  const meta = param_name === undefined ? rest : { ...rest, paramName: param_name }
  return Object.freeze({
    code: json.code,
    message: json.message,
    longMessage: json.long_message ?? json.message,
    meta: Object.freeze(meta),
  })
}

/** A one-item error list for failures that carry no error JSON. */
export function localError(status: number, code: ErrorCode, message: string): UserkitApiError {
  return new UserkitApiError(status, [Object.freeze({ code, message, longMessage: message, meta: Object.freeze({}) })])
}

/** Builds the error for a non-2xx answer whose body has been read as `body` (undefined: not JSON). */
export function errorFromResponse(res: Response, body: unknown): UserkitApiError {
  const json = body as Partial<ErrorsJSON> | undefined
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'))
  if (!json || !Array.isArray(json.errors) || json.errors.length === 0) {
    const error = localError(res.status, 'unexpected_response', `Unexpected response (${res.status})`)
    return retryAfter === undefined ? error : new UserkitApiError(res.status, error.errors, retryAfter)
  }
  return new UserkitApiError(res.status, json.errors.map(parseErrorItem), retryAfter, json.clerk_trace_id)
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined
  if (/^\s*\d+\s*$/.test(header)) return Number(header)
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}
