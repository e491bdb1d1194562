import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { clientIp } from '../auth/client-ip.ts'
import { ApiError } from '../errors.ts'
import { inProcess } from '../in-process.ts'
import { sendJson } from '../http.ts'
import { randomToken, sha256Hex, timingSafeEqual } from '../ids.ts'
import { MAX_IMAGE_BYTES } from '../images.ts'
import type { RateLimitRule, ResolvedOptions } from '../options.ts'
import type { Queryable } from '../storage/database.ts'
import type { RateLimitRepo } from '../storage/rate-limits.ts'
import { readJson } from '../validate.ts'
import {
  DEFAULT_DASHBOARD_LIFETIME,
  type DashboardSessionLifetime,
  type DashboardSessionRecord,
  dashboardSessionsRepo,
} from './sessions.ts'

/** The operator's cookie: its own name, and `Path=/dashboard` so the Frontend API never receives it. */
export const DASHBOARD_COOKIE = '__userkit_dashboard'
const COOKIE_PATH = '/dashboard'

/** What the dashboard routes need from the server. */
export interface DashboardDeps {
  /** Where `dashboard_sessions` lives. */
  db: Queryable
  rateLimits: RateLimitRepo
  options: ResolvedOptions
  /** The Backend API key: it opens the dashboard, and the proxy sends it on to the Backend API. */
  secretKey: string
  /** An operator password that opens the dashboard too (`USERKIT_DASHBOARD_PASSWORD`). Default: none, the key only. */
  password?: string | undefined
  /** Default 2 hours idle, 12 hours at most. */
  lifetime?: Partial<DashboardSessionLifetime> | undefined
  /** Failed sign-ins allowed per IP. Default 10 per 10 minutes. */
  signInLimit?: RateLimitRule | undefined
}

const SignInBody = z.strictObject({
  secret_key: z.string().min(1).max(512).optional(),
  password: z.string().min(1).max(1024).optional(),
})

/** Only the Backend API's resources: never the Frontend API (`/v1/me`, `/v1/client`), so no end-user action. */
const PROXIED = /^\/dashboard\/api(\/v1\/(?:users|email_addresses|phone_numbers|sessions)(?:\/[^?#]*)?)$/
const SAFE_METHODS = new Set(['GET', 'HEAD'])
const ANSWER_HEADERS = ['content-type', 'cache-control', 'retry-after', 'content-length']

/**
 * Mounts the operators' dashboard API: `GET|POST|DELETE /dashboard/api/session` (who is in, sign in
 * with the secret key or the operator password, sign out) and `/dashboard/api/v1/…`, which hands each
 * request to the app's own Backend API handlers with the secret key, under the dashboard session.
 * Web standards only; the Node adapter serves the built app's files beside it.
 */
export function mountDashboard(app: Hono, deps: DashboardDeps): void {
  const lifetime = { ...DEFAULT_DASHBOARD_LIFETIME, ...deps.lifetime }
  const sessions = dashboardSessionsRepo(deps.db, deps.options.now, lifetime)
  const signInLimit = deps.signInLimit ?? { max: 10, windowMs: 10 * 60_000 }

  app.use('/dashboard/api/*', async (c, next) => {
    // A cookie-authenticated API: every change must come from the server's own pages (CSRF).
    // In a browser page the in-process fetch cannot set the header; its binding says the same.
    const origin = c.req.header('origin') ?? inProcess(c)?.origin
    if (!SAFE_METHODS.has(c.req.method) && origin !== new URL(c.req.url).origin) {
      throw new ApiError(403, 'origin_invalid', 'Origin not allowed', {
        longMessage: 'Dashboard changes must come from the dashboard itself.',
      })
    }
    return next()
  })
  app.use(
    '/dashboard/api/*',
    bodyLimit({
      maxSize: MAX_IMAGE_BYTES + 64 * 1024,
      onError: () => {
        throw new ApiError(413, 'request_body_too_large', 'Request body too large')
      },
    }),
  )

  app.get('/dashboard/api/session', async (c) => {
    const session = await requireSession(c, sessions)
    return sendJson(c, sessionJSON(session))
  })

  app.post('/dashboard/api/session', async (c) => {
    const body = await readJson(c, SignInBody)
    const param = body.secret_key !== undefined ? 'secret_key' : 'password'
    const given = body.secret_key ?? body.password
    if (given === undefined || (body.secret_key !== undefined && body.password !== undefined)) {
      throw new ApiError(422, 'form_param_missing', 'is missing', {
        longMessage: 'Enter the secret key or the operator password.',
        param: 'secret_key',
      })
    }
    const ipKey = `dashboard:ip:${clientIp(c, deps.options)}`
    // Counted before checking, so parallel guesses cannot slip past the limit; a success refunds it.
    const { count, resetAt } = await deps.rateLimits.hit(ipKey, signInLimit.windowMs)
    if (count > signInLimit.max) {
      const seconds = Math.max(1, Math.ceil((resetAt - deps.options.now()) / 1000))
      throw new ApiError(429, 'too_many_requests', 'Too many requests', {
        longMessage: 'Too many failed attempts. Try again later.',
        headers: { 'Retry-After': String(seconds) },
      })
    }
    const expected = param === 'secret_key' ? deps.secretKey : deps.password
    if (!expected || !(await sameSecret(given, expected))) {
      throw new ApiError(422, param === 'secret_key' ? 'form_secret_key_incorrect' : 'form_password_incorrect', 'is incorrect', {
        longMessage: param === 'secret_key' ? 'This is not the secret key.' : 'This is not the operator password.',
        param,
      })
    }
    await deps.rateLimits.refund(ipKey, signInLimit.windowMs)
    const token = randomToken()
    const session = await sessions.create(await sha256Hex(token))
    setCookie(c, DASHBOARD_COOKIE, token, {
      httpOnly: true,
      // Strict: no other site can make the browser send it, not even on a top-level navigation.
      sameSite: 'Strict',
      path: COOKIE_PATH,
      secure: !isLocalHost(new URL(c.req.url).hostname),
      maxAge: Math.floor(lifetime.maxAgeMs / 1000),
    })
    inProcess(c)?.cookies.set(DASHBOARD_COOKIE, token)
    return sendJson(c, sessionJSON(session))
  })

  app.delete('/dashboard/api/session', async (c) => {
    const token = readToken(c)
    if (token) await sessions.deleteByTokenHash(await sha256Hex(token))
    deleteCookie(c, DASHBOARD_COOKIE, { path: COOKIE_PATH })
    inProcess(c)?.cookies.delete(DASHBOARD_COOKIE)
    return sendJson(c, { object: 'dashboard_session', deleted: true })
  })

  app.all('/dashboard/api/v1/*', async (c) => {
    await requireSession(c, sessions)
    const match = PROXIED.exec(c.req.path)
    if (!match) throw new ApiError(404, 'resource_not_found', 'not found', { longMessage: 'The dashboard proxies the Backend API only.' })
    const url = new URL(c.req.url)
    // A fresh request: no cookies and no Origin go on, so nothing downstream can mistake it for an end user.
    const headers = new Headers({ Authorization: `Bearer ${deps.secretKey}`, Accept: 'application/json' })
    const type = c.req.header('content-type')
    if (type) headers.set('Content-Type', type)
    const hasBody = !SAFE_METHODS.has(c.req.method)
    const inner = new Request(`${url.origin}${match[1]}${url.search}`, {
      method: c.req.method,
      headers,
      body: hasBody ? await c.req.arrayBuffer() : undefined,
    })
    const res = await app.fetch(inner)
    const out = new Headers()
    for (const name of ANSWER_HEADERS) {
      const value = res.headers.get(name)
      if (value !== null) out.set(name, value)
    }
    return new Response(res.body, { status: res.status, headers: out })
  })
}

async function requireSession(c: Context, sessions: ReturnType<typeof dashboardSessionsRepo>): Promise<DashboardSessionRecord> {
  const token = readToken(c)
  const session = token ? await sessions.useByTokenHash(await sha256Hex(token)) : null
  if (!session) {
    throw new ApiError(401, 'dashboard_signed_out', 'You are signed out of the dashboard', {
      longMessage: 'Sign in to the dashboard with the secret key.',
    })
  }
  return session
}

function readToken(c: Context): string | undefined {
  return getCookie(c, DASHBOARD_COOKIE) || inProcess(c)?.cookies.get(DASHBOARD_COOKIE) || undefined
}

function sessionJSON(session: DashboardSessionRecord) {
  return { object: 'dashboard_session', id: session.id, expire_at: session.expireAt, created_at: session.createdAt }
}

/** Compares digests so the time taken says nothing about how much of the secret matched. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)])
  return timingSafeEqual(new TextEncoder().encode(a), new TextEncoder().encode(b))
}

function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.localhost')
}
