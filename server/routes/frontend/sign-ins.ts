import { Hono } from 'hono'
import { z } from 'zod'
import { requestOrigin } from '../../http.ts'
import { sessionJSON } from '../../serialize/frontend.ts'
import { clientIp } from '../client-ip.ts'
import { readClientToken, writeClientToken } from '../cookies.ts'
import type { RouteDeps } from '../env.ts'
import { json } from '../validate.ts'
import { envelope } from './envelope.ts'

const SignInBody = z.strictObject({
  identifier: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  strategy: z.literal('password').optional(),
})

/**
 * `POST /v1/client/sign_ins`: identifier (email or username) + password → a new active session on
 * this browser's client (created, with its cookie, if needed). Answers the session.
 */
export function signInRoutes(deps: RouteDeps) {
  return new Hono().post('/', json(SignInBody), async (c) => {
    const body = c.req.valid('json')
    const started = await deps.domain.sessions.signInWithPassword({
      token: readClientToken(c),
      identifier: body.identifier,
      password: body.password,
      ip: clientIp(c, deps.options),
    })
    if (started.newToken) writeClientToken(c, started.newToken)
    const user = await deps.store.users.get(started.session.userId)
    // The client carries the new session's first token: the kit's first getToken() costs no request.
    return envelope(c, deps, sessionJSON({ origin: requestOrigin(c.req.raw) }, started.session, user), started.client.id, true)
  })
}
