import { Hono, type MiddlewareHandler } from 'hono'
import { notFound } from '../../errors.ts'
import type { RouteDeps } from '../env.ts'
import { secretKeyAuth } from './auth.ts'
import { identifierRoutes } from './identifiers.ts'
import { clientRoutes, jwksRoutes, signingKeyRoutes } from './keys.ts'
import { sessionRoutes } from './sessions.ts'
import { userRoutes } from './users.ts'
import { webhookRoutes } from './webhooks.ts'

/** The Backend API's resources, by their path under `/v1`; none overlaps the Frontend API's (`/me`, `/client`, …). */
export const BACKEND_RESOURCES = ['users', 'email_addresses', 'phone_numbers', 'sessions', 'clients', 'jwks', 'signing_keys', 'webhook_endpoints'] as const

/** An id can never hold NUL, and PostgreSQL text cannot: such a path names nothing. */
const nulPath: MiddlewareHandler = async (c, next) => {
  if (/%00/.test(new URL(c.req.url).pathname)) throw notFound()
  await next()
}

/**
 * The Clerk-compatible Backend API, mounted at `/v1`: every route behind `Authorization: Bearer
 * <secret key>`, JSON answers as bare objects and arrays (no Frontend API envelope).
 */
export function backendApi(deps: RouteDeps, secretKey: string) {
  const auth = secretKeyAuth(secretKey)
  const api = new Hono()
  // A wrong key on the JWKS answers Clerk's code for it, which verifyToken reports as secret-key-invalid.
  api.use('/jwks/*', secretKeyAuth(secretKey, 'clerk_key_invalid'))
  for (const resource of BACKEND_RESOURCES) if (resource !== 'jwks') api.use(`/${resource}/*`, auth, nulPath)
  return api
    .route('/users', userRoutes(deps))
    .route('/email_addresses', identifierRoutes(deps, 'email_address'))
    .route('/phone_numbers', identifierRoutes(deps, 'phone_number'))
    .route('/sessions', sessionRoutes(deps))
    .route('/clients', clientRoutes(deps))
    .route('/jwks', jwksRoutes(deps))
    .route('/signing_keys', signingKeyRoutes(deps))
    .route('/webhook_endpoints', webhookRoutes(deps))
}
