import type { Hono } from 'hono'
import type { ServerDeps } from '../context.ts'
import { notFound } from '../errors.ts'
import { secretKeyAuth } from './auth.ts'
import { identifierRoutes } from './identifiers.ts'
import { sessionRoutes } from './sessions.ts'
import { userActionRoutes } from './user-actions.ts'
import { userRoutes } from './users.ts'

/** The Backend API's path prefixes; none overlaps the Frontend API's (`/v1/me`, `/v1/client`, …). */
export const BACKEND_PREFIXES = ['/v1/users', '/v1/email_addresses', '/v1/phone_numbers', '/v1/sessions'] as const

/**
 * Mounts the Clerk-compatible Backend API: every route behind `Authorization: Bearer <secret key>`,
 * JSON answers as bare objects and arrays (no Frontend API envelope).
 */
export function mountBackendApi(app: Hono, deps: ServerDeps, secretKey: string): void {
  const auth = secretKeyAuth(secretKey)
  for (const prefix of BACKEND_PREFIXES) {
    app.use(prefix, auth)
    app.use(`${prefix}/*`, auth, async (c, next) => {
      // An id can never hold NUL, and PostgreSQL text cannot: such a path names nothing.
      if (/%00/.test(new URL(c.req.url).pathname)) throw notFound()
      return next()
    })
  }
  userRoutes(app, deps)
  userActionRoutes(app, deps)
  identifierRoutes(app, deps)
  sessionRoutes(app, deps)
}
