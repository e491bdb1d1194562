import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { OAUTH_CALLBACK_PATH } from '../../../src/wire/index.ts'
import { normalizeOrigin } from '../../options.ts'
import type { RouteDeps } from '../env.ts'
import { originGuard } from '../origin.ts'
import { clientRoutes } from './client.ts'
import { environmentRoutes } from './environment.ts'
import { oauthCallbackRoutes } from './external-accounts.ts'
import { imageRoutes } from './images.ts'
import { meRoutes } from './me.ts'
import { verifyLinkRoutes } from './verify-link.ts'

/**
 * The Frontend API, mounted at `/v1`: the browser's client and sign-in, the signed-in user, public
 * images, the email link and the OAuth callback. Cookie-authenticated, so every change must come
 * from the server's own origin or an allowed one (`originGuard`).
 */
export function frontendApi(deps: RouteDeps) {
  const api = new Hono()
  const { allowedOrigins } = deps.options
  // Cross-origin callers the operator allowed may send cookies; everyone else gets no CORS headers.
  if (allowedOrigins.size > 0) {
    const allowCors = cors({
      origin: (origin) => (allowedOrigins.has(normalizeOrigin(origin) ?? '') ? origin : null),
      credentials: true,
      allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowHeaders: ['Content-Type'],
    })
    for (const path of ['/environment', '/client/*', '/me/*', '/images/*', '/verify']) api.use(path, allowCors)
  }
  const guard = originGuard(allowedOrigins)
  for (const path of ['/client/*', '/me/*']) api.use(path, guard)
  return api
    .route('/environment', environmentRoutes(deps))
    .route('/client', clientRoutes(deps))
    .route('/me', meRoutes(deps))
    .route('/images', imageRoutes(deps))
    .route('/verify', verifyLinkRoutes(deps))
    .route(OAUTH_CALLBACK_PATH.slice('/v1'.length), oauthCallbackRoutes(deps))
}

/**
 * `GET /.well-known/jwks.json`: the public keys of session tokens, for any verifier (jose's
 * `createRemoteJWKSet`): no private member, readable from any origin, cacheable for five minutes.
 */
export function wellKnownRoutes(deps: RouteDeps) {
  return new Hono().get('/jwks.json', async (c) => {
    const body = JSON.stringify({ keys: await deps.domain.keys.publicKeys() })
    return c.body(body, 200, {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=300',
    })
  })
}
