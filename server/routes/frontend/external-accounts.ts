import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { requestOrigin } from '../../http.ts'
import type { ConnectRequest, StartedConnection } from '../../oauth/connect.ts'
import { externalAccountJSON, pendingExternalAccountJSON } from '../../serialize/external-account.ts'
import type { RouteDeps, SignedInEnv } from '../env.ts'
import { readClientToken as readToken } from '../cookies.ts'
import { json, NoBody } from '../validate.ts'
import { envelope } from './envelope.ts'

// RFC 6749 §3.3 scope-token characters.
const ScopeToken = z.string().min(1).max(128).regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/)
const Scopes = z.union([z.string().max(2048), z.array(ScopeToken).max(32)])
const RedirectUrl = z.string().min(1).max(2048)

const ConnectBody = z.strictObject({ strategy: z.string().max(64), redirect_url: RedirectUrl, additional_scope: Scopes.optional() })
const ReauthorizeBody = z.strictObject({ redirect_url: RedirectUrl, additional_scope: Scopes.optional() })

const pending = (started: StartedConnection) =>
  pendingExternalAccountJSON(externalAccountJSON(started.account), started.url, started.expireAt)

/** What starting a flow needs from the request: this browser, this user, the body's scopes and redirect. */
const connectRequest = (c: Context<SignedInEnv>, body: z.output<typeof ReauthorizeBody>): ConnectRequest => ({
  clientId: c.var.client.id,
  userId: c.var.user.id,
  additionalScope: body.additional_scope,
  redirectUrl: body.redirect_url,
  origin: requestOrigin(c.req.raw),
})

/** `/v1/me/external_accounts`: connect (`POST`), `PATCH …/{id}/reauthorize`, `DELETE …/{id}`. */
export function externalAccountRoutes(deps: RouteDeps) {
  const { oauth, externalAccounts } = deps.domain
  return new Hono<SignedInEnv>()
    .post('/', json(ConnectBody), async (c) => {
      const body = c.req.valid('json')
      const started = await oauth.connect(body.strategy, connectRequest(c, body))
      return envelope(c, deps, pending(started), c.var.client.id)
    })
    .patch('/:id/reauthorize', json(ReauthorizeBody), async (c) => {
      const started = await oauth.reauthorize(c.req.param('id'), connectRequest(c, c.req.valid('json')))
      return envelope(c, deps, pending(started), c.var.client.id)
    })
    .delete('/:id', json(NoBody), async (c) => {
      await externalAccounts.unlink(c.var.user.id, c.req.param('id'))
      return envelope(c, deps, { object: 'external_account', id: c.req.param('id'), deleted: true as const }, c.var.client.id)
    })
}

/** The provider's callback (`GET /v1/oauth_callback`): back to the flow's `redirect_url`, with the error code when it failed. */
export function oauthCallbackRoutes(deps: RouteDeps) {
  return new Hono().get('/', async (c) => {
    const location = await deps.domain.oauth.complete({
      state: c.req.query('state'),
      callbackUrl: new URL(c.req.url),
      token: readToken(c),
    })
    return c.redirect(location, 303)
  })
}
