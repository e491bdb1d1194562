import { Hono } from 'hono'
import { z } from 'zod'
import { ApiError } from '../../errors.ts'
import { requestOrigin, sendJson } from '../../http.ts'
import { sessionJSON } from '../../serialize/frontend.ts'
import { readClientToken } from '../cookies.ts'
import type { RouteDeps } from '../env.ts'
import { json, NoBody } from '../validate.ts'
import { envelope, loadClientJSON, requestOriginHeader } from './envelope.ts'
import { signInRoutes } from './sign-ins.ts'

// Clerk's kit sends an organization; userkit has none, so it is accepted and means nothing.
const TokenBody = z.strictObject({ organization_id: z.string().max(64).nullable().optional() })

/** `/v1/client`: the browser's client, signing in, session tokens, the handshake, signing out. */
export function clientRoutes(deps: RouteDeps) {
  const { sessions, tokens } = deps.domain
  return (
    new Hono()
      .get('/', async (c) => {
        const client = await loadClientJSON(c, deps, await sessions.clientOf(readClientToken(c)), true)
        // Clerk's shape: the client is both the resource and the envelope's client.
        return sendJson(c, { response: client, client })
      })
      .delete('/sessions', json(NoBody), async (c) => {
        const client = await sessions.clientOf(readClientToken(c))
        await sessions.endAll(client)
        const after = await loadClientJSON(c, deps, client?.id)
        return sendJson(c, { response: after, client: after })
      })
      .post('/sessions/:id/end', json(NoBody), async (c) => {
        const client = await sessions.clientOf(readClientToken(c))
        const session = await sessions.end(client, c.req.param('id'))
        return envelope(c, deps, sessionJSON({ origin: requestOrigin(c.req.raw) }, session, null), client?.id)
      })
      .post('/sessions/:id/remove', json(NoBody), async (c) => {
        const client = await sessions.clientOf(readClientToken(c))
        const session = await sessions.remove(client, c.req.param('id'))
        return envelope(c, deps, sessionJSON({ origin: requestOrigin(c.req.raw) }, session, null), client?.id)
      })
      .post('/sessions/:id/tokens', json(TokenBody), async (c) => {
        const azp = tokens.authorizedParty(requestOriginHeader(c), requestOrigin(c.req.raw))
        const jwt = await tokens.forClient(readClientToken(c), c.req.param('id'), azp)
        return sendJson(c, { object: 'token', jwt })
      })
      // The app's backend sends a page load here when its __session cookie is stale (Clerk's handshake).
      .get('/handshake', async (c) => {
        const format = c.req.query('format') ?? 'nonce'
        if (format !== 'nonce') {
          throw new ApiError(422, 'form_param_value_invalid', 'is not supported', { longMessage: 'format must be nonce.', param: 'format' })
        }
        const location = await tokens.handshake({
          token: readClientToken(c),
          redirectUrl: c.req.query('redirect_url') ?? '',
          suffixed: c.req.query('suffixed_cookies') === 'true',
          ownOrigin: requestOrigin(c.req.raw),
        })
        return c.body(null, 307, { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })
      })
      .route('/sign_ins', signInRoutes(deps))
  )
}
