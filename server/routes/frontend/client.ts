import { Hono } from 'hono'
import { requestOrigin, sendJson } from '../../http.ts'
import { sessionJSON } from '../../serialize/frontend.ts'
import { readClientToken } from '../cookies.ts'
import type { RouteDeps } from '../env.ts'
import { json, NoBody } from '../validate.ts'
import { envelope, loadClientJSON } from './envelope.ts'
import { signInRoutes } from './sign-ins.ts'

/** `/v1/client`: the browser's client, signing in, and signing out of one or all sessions. */
export function clientRoutes(deps: RouteDeps) {
  const { sessions } = deps.domain
  return (
    new Hono()
      .get('/', async (c) => {
        const client = await loadClientJSON(c, deps, await sessions.clientOf(readClientToken(c)))
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
      .route('/sign_ins', signInRoutes(deps))
  )
}
