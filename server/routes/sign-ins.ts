import type { Hono } from 'hono'
import { z } from 'zod'
import { clientIp } from '../auth/client-ip.ts'
import { writeClientToken } from '../auth/cookies.ts'
import { envelope, findClient } from '../auth/session.ts'
import type { ServerDeps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { requestOrigin } from '../http.ts'
import { randomToken, sha256Hex } from '../ids.ts'
import type { RateLimitRule } from '../options.ts'
import { sessionJSON } from '../serialize.ts'
import { readJson } from '../validate.ts'

const SignInBody = z.strictObject({
  identifier: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  strategy: z.literal('password').optional(),
})

/**
 * `POST /v1/client/sign_ins`: identifier (email or username) + password → a new active session on
 * this browser's client (created, with its cookie, if needed). Answers the session.
 */
export function signInRoutes(app: Hono, deps: ServerDeps): void {
  app.post('/v1/client/sign_ins', async (c) => {
    const body = await readJson(c, SignInBody)
    const { rateLimits } = deps.options
    const identifier = body.identifier.toLowerCase()
    const ipKey = `signin:ip:${clientIp(c, deps.options)}`
    const idKey = `signin:id:${identifier}`
    const keys: [string, RateLimitRule][] = [
      [ipKey, rateLimits.signInPerIp],
      [idKey, rateLimits.signInPerIdentifier],
    ]
    // Count first, atomically, so parallel guesses cannot slip past the limit; a success refunds it.
    await limit(deps, keys)

    const candidate = await deps.store.users.findForSignIn(identifier)
    if (!candidate) {
      throw new ApiError(422, 'form_identifier_not_found', "Couldn't find your account.", {
        longMessage: "Couldn't find an account with that email address or username.",
        param: 'identifier',
      })
    }
    if (!candidate.passwordHash) {
      throw new ApiError(422, 'strategy_for_user_invalid', 'Password sign-in is not available for this account.', {
        param: 'strategy',
      })
    }
    if (!(await deps.hasher.verify(body.password, candidate.passwordHash))) {
      throw new ApiError(422, 'form_password_incorrect', 'Password is incorrect. Try again, or use another method.', {
        param: 'password',
      })
    }
    if (candidate.banned) {
      throw new ApiError(403, 'user_banned', 'This account is banned.', { longMessage: 'This account cannot sign in.' })
    }

    await deps.store.rateLimits.refund(ipKey, rateLimits.signInPerIp.windowMs)
    await deps.store.rateLimits.reset(idKey)

    let client = await findClient(c, deps)
    if (!client) {
      const token = randomToken()
      client = await deps.store.sessions.createClient(await sha256Hex(token))
      writeClientToken(c, token)
    }
    // Signing in again as the same user replaces that session instead of stacking a duplicate.
    for (const existing of await deps.store.sessions.listActive(client.id)) {
      if (existing.userId === candidate.id) await deps.store.sessions.end(existing.id)
    }
    const session = await deps.store.sessions.create(client.id, candidate.id)
    await deps.store.users.recordSignIn(candidate.id)
    const user = await deps.store.users.get(candidate.id)
    return envelope(c, deps, sessionJSON({ origin: requestOrigin(c.req.raw) }, session, user), client.id)
  })
}

/** Counts one attempt under each key; throws 429 with Retry-After when any is over its limit. */
async function limit(deps: ServerDeps, keys: [string, RateLimitRule][]): Promise<void> {
  const now = deps.options.now()
  let retryAt = 0
  for (const [key, rule] of keys) {
    const { count, resetAt } = await deps.store.rateLimits.hit(key, rule.windowMs)
    if (count > rule.max) retryAt = Math.max(retryAt, resetAt)
  }
  if (retryAt > 0) {
    const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000))
    throw new ApiError(429, 'too_many_requests', 'Too many requests. Please try again later.', {
      longMessage: `Too many sign-in attempts. Try again in ${seconds} seconds.`,
      headers: { 'Retry-After': String(seconds) },
    })
  }
}
