import type { Hono } from 'hono'
import { envelope, findClient, loadClientJSON } from '../auth/session.ts'
import type { ServerDeps } from '../context.ts'
import { notFound, signedOut } from '../errors.ts'
import { requestOrigin, sendJson } from '../http.ts'
import { sessionJSON } from '../serialize.ts'
import { NoBody, readJson } from '../validate.ts'

/** The browser's client and sign-out: `GET /v1/client`, `DELETE /v1/client/sessions`, `POST /v1/client/sessions/{id}/end`. */
export function clientRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/v1/client', async (c) => {
    const client = await findClient(c, deps)
    const json = await loadClientJSON(c, deps, client)
    // Clerk's shape: the client is both the resource and the envelope's client.
    return sendJson(c, { response: json, client: json })
  })

  // Signing out twice is not an error: the second call finds nothing to end.
  app.delete('/v1/client/sessions', async (c) => {
    await readJson(c, NoBody)
    const client = await findClient(c, deps)
    if (client) await deps.store.sessions.endAll(client.id)
    const json = await loadClientJSON(c, deps, client?.id)
    return sendJson(c, { response: json, client: json })
  })

  app.post('/v1/client/sessions/:id/end', async (c) => {
    await readJson(c, NoBody)
    const client = await findClient(c, deps)
    if (!client) throw signedOut()
    const existing = await deps.store.sessions.get(c.req.param('id'))
    // Another client's session is reported exactly like a missing one.
    if (!existing || existing.clientId !== client.id) throw notFound('session')
    const session = (await deps.store.sessions.end(existing.id)) ?? existing
    return envelope(c, deps, sessionJSON({ origin: requestOrigin(c.req.raw) }, session, null), client.id)
  })
}
