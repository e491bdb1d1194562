import { Hono } from 'hono'
import { z } from 'zod'
import { formatInvalid, notFound } from '../../errors.ts'
import { sendJson } from '../../http.ts'
import { backendSessionJSON } from '../../serialize/backend.ts'
import type { RouteDeps } from '../env.ts'
import { json, NoBody } from '../validate.ts'
import { pageOf, parseQuery } from './query.ts'

const TokenBody = z.strictObject({ expires_in_seconds: z.number().int().min(30).max(315_360_000).nullable().optional() })

const STATUSES = ['abandoned', 'active', 'ended', 'expired', 'removed', 'replaced', 'revoked']

/** `/v1/sessions`: list (bare array, or `{data, total_count}` with `paginated=true`), read, revoke. */
export function sessionRoutes(deps: RouteDeps) {
  return new Hono()
    .get('/', async (c) => {
      const q = parseQuery(c.req.url, {
        user_id: 'string',
        client_id: 'string',
        status: 'string',
        paginated: 'boolean',
        limit: 'integer',
        offset: 'integer',
      })
      const status = q.status as string | undefined
      if (status !== undefined && !STATUSES.includes(status)) {
        throw formatInvalid('status', `status must be one of ${STATUSES.join(', ')}.`)
      }
      const { sessions, total } = await deps.store.sessions.list(
        { userId: q.user_id as string | undefined, clientId: q.client_id as string | undefined, status },
        pageOf(q),
      )
      const data = sessions.map(backendSessionJSON)
      return sendJson(c, q.paginated ? { data, total_count: total } : data)
    })
    .get('/:id', async (c) => {
      const session = await deps.store.sessions.get(c.req.param('id'))
      if (!session) throw notFound('session')
      return sendJson(c, backendSessionJSON(session))
    })
    .post('/:id/tokens', json(TokenBody), async (c) => {
      const jwt = await deps.domain.tokens.forBackend(c.req.param('id'), c.req.valid('json').expires_in_seconds ?? undefined)
      return sendJson(c, { object: 'token', jwt })
    })
    // Revoking a session that already ended answers it unchanged, as Clerk does.
    .post('/:id/revoke', json(NoBody), async (c) => sendJson(c, backendSessionJSON(await deps.domain.sessions.revoke(c.req.param('id')))))
}
