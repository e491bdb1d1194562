import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../errors.ts'
import { inProcess } from '../in-process.ts'
import { normalizeOrigin } from '../options.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence for the cookie-authenticated Frontend API: a request that changes something must
 * say where it comes from, and that must be the server's own origin or one the operator allowed.
 * A missing Origin is refused too: every browser sends one on non-GET fetches.
 */
export function originGuard(allowedOrigins: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    // In a browser page the in-process fetch cannot set the header; its binding says the same.
    const origin = normalizeOrigin(c.req.header('origin') ?? inProcess(c)?.origin ?? '')
    const own = new URL(c.req.url).origin
    if (origin === null || (origin !== own && !allowedOrigins.has(origin))) {
      throw new ApiError(403, 'origin_invalid', 'Origin not allowed', {
        longMessage: 'This request came from an origin that may not call the Frontend API.',
      })
    }
    return next()
  }
}
