import type { Hono } from 'hono'
import type { ServerDeps } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { sendJson } from '../http.ts'
import { NoBody, readJson } from '../validate.ts'
import { pageOf, parseQuery } from './query.ts'
import { backendSessionJSON } from './serialize.ts'
import { backendRepo } from './store.ts'

const STATUSES = new Set(['abandoned', 'active', 'ended', 'expired', 'removed', 'replaced', 'revoked'])

/** `/v1/sessions`: list (bare array, or `{data, total_count}` with `paginated=true`), read, revoke. */
export function sessionRoutes(app: Hono, deps: ServerDeps): void {
  const repo = backendRepo(deps.store.db, deps.options.now)

  app.get('/v1/sessions', async (c) => {
    const q = parseQuery(c.req.url, {
      user_id: 'string',
      client_id: 'string',
      status: 'string',
      paginated: 'boolean',
      limit: 'integer',
      offset: 'integer',
    })
    const status = q.status as string | undefined
    if (status !== undefined && !STATUSES.has(status)) {
      throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
        longMessage: `status must be one of ${[...STATUSES].join(', ')}.`,
        param: 'status',
      })
    }
    const { sessions, total } = await repo.listSessions({
      userId: q.user_id as string | undefined,
      clientId: q.client_id as string | undefined,
      status,
      ...pageOf(q),
    })
    const data = sessions.map(backendSessionJSON)
    return sendJson(c, q.paginated ? { data, total_count: total } : data)
  })

  app.get('/v1/sessions/:id', async (c) => {
    const session = await repo.getSession(c.req.param('id'))
    if (!session) throw notFound('session')
    return sendJson(c, backendSessionJSON(session))
  })

  // Revoking a session that already ended answers it unchanged, as Clerk does.
  app.post('/v1/sessions/:id/revoke', async (c) => {
    await readJson(c, NoBody)
    const session = await deps.store.db.transaction((tx) => backendRepo(tx, deps.options.now).revokeSession(c.req.param('id')))
    if (!session) throw notFound('session')
    return sendJson(c, backendSessionJSON(session))
  })
}
