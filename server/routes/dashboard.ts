import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import type { DashboardSessionJSON } from '../../src/wire/index.ts'
import { ApiError } from '../errors.ts'
import { inProcess } from '../in-process.ts'
import { sendJson } from '../http.ts'
import { MAX_IMAGE_BYTES } from '../images.ts'
import { DEFAULT_DASHBOARD_LIFETIME, type DashboardSessionRecord } from '../storage/dashboard-sessions.ts'
import { BACKEND_RESOURCES } from './backend/index.ts'
import { clientIp } from './client-ip.ts'
import { isLocalHost } from './cookies.ts'
import type { RouteDeps } from './env.ts'
import { json, limitBody } from './validate.ts'

/** The operator's cookie: its own name, and `Path=/dashboard` so the Frontend API never receives it. */
export const DASHBOARD_COOKIE = '__userkit_dashboard'
const COOKIE_PATH = '/dashboard'

const SignInBody = z.strictObject({
  secret_key: z.string().min(1).max(512).optional(),
  password: z.string().min(1).max(1024).optional(),
})

/** Only the Backend API's resources: never the Frontend API (`/v1/me`, `/v1/client`), so no end-user action. */
const PROXIED = new RegExp(`^/dashboard/api(/v1/(?:${BACKEND_RESOURCES.join('|')})(?:/[^?#]*)?)$`)
const SAFE_METHODS = new Set(['GET', 'HEAD'])
const ANSWER_HEADERS = ['content-type', 'cache-control', 'retry-after', 'content-length']

const readToken = (c: Context) => getCookie(c, DASHBOARD_COOKIE) || inProcess(c)?.cookies.get(DASHBOARD_COOKIE) || undefined

const sessionJSON = (session: DashboardSessionRecord): DashboardSessionJSON => ({
  object: 'dashboard_session',
  id: session.id,
  expire_at: session.expireAt,
  created_at: session.createdAt,
})

/**
 * The operators' dashboard API, mounted at `/dashboard/api`: `GET|POST|DELETE /session` (who is in,
 * sign in with the secret key or the operator password, sign out) and `/v1/…`, which hands each
 * request to the app's own Backend API (`backend`, the root app's fetch) with the secret key, under
 * the dashboard session. Web standards only; the Node adapter serves the built app's files beside it.
 */
export function dashboardApi(deps: RouteDeps, secretKey: string, backend: (request: Request) => Response | Promise<Response>) {
  const { operators } = deps.domain
  return new Hono()
    .use('*', async (c, next) => {
      // A cookie-authenticated API: every change must come from the server's own pages (CSRF).
      // In a browser page the in-process fetch cannot set the header; its binding says the same.
      const origin = c.req.header('origin') ?? inProcess(c)?.origin
      if (!SAFE_METHODS.has(c.req.method) && origin !== new URL(c.req.url).origin) {
        throw new ApiError(403, 'origin_invalid', 'Origin not allowed', { longMessage: 'Dashboard changes must come from the dashboard itself.' })
      }
      return next()
    })
    .use('*', limitBody(MAX_IMAGE_BYTES + 64 * 1024))
    .get('/session', async (c) => sendJson(c, sessionJSON(await operators.use(readToken(c)))))
    .post('/session', json(SignInBody), async (c) => {
      const body = c.req.valid('json')
      if ((body.secret_key === undefined) === (body.password === undefined)) {
        throw new ApiError(422, 'form_param_missing', 'is missing', { longMessage: 'Enter the secret key or the operator password.', param: 'secret_key' })
      }
      const credential = body.secret_key !== undefined ? { secretKey: body.secret_key } : { password: body.password as string }
      const { session, token } = await operators.signIn(credential, clientIp(c, deps.options))
      setCookie(c, DASHBOARD_COOKIE, token, {
        httpOnly: true,
        // Strict: no other site can make the browser send it, not even on a top-level navigation.
        sameSite: 'Strict',
        path: COOKIE_PATH,
        secure: !isLocalHost(new URL(c.req.url).hostname),
        maxAge: Math.floor(DEFAULT_DASHBOARD_LIFETIME.maxAgeMs / 1000),
      })
      inProcess(c)?.cookies.set(DASHBOARD_COOKIE, token)
      return sendJson(c, sessionJSON(session))
    })
    .delete('/session', async (c) => {
      await operators.signOut(readToken(c))
      deleteCookie(c, DASHBOARD_COOKIE, { path: COOKIE_PATH })
      inProcess(c)?.cookies.delete(DASHBOARD_COOKIE)
      return sendJson(c, { object: 'dashboard_session', deleted: true })
    })
    .all('/v1/*', async (c) => {
      await operators.use(readToken(c))
      const match = PROXIED.exec(c.req.path)
      if (!match) throw new ApiError(404, 'resource_not_found', 'not found', { longMessage: 'The dashboard proxies the Backend API only.' })
      const url = new URL(c.req.url)
      // A fresh request: no cookies and no Origin go on, so nothing downstream can mistake it for an end user.
      const headers = new Headers({ Authorization: `Bearer ${secretKey}`, Accept: 'application/json' })
      const type = c.req.header('content-type')
      if (type) headers.set('Content-Type', type)
      const inner = new Request(`${url.origin}${match[1]}${url.search}`, {
        method: c.req.method,
        headers,
        body: SAFE_METHODS.has(c.req.method) ? undefined : await c.req.arrayBuffer(),
      })
      const res = await backend(inner)
      const out = new Headers()
      for (const name of ANSWER_HEADERS) {
        const value = res.headers.get(name)
        if (value !== null) out.set(name, value)
      }
      return new Response(res.body, { status: res.status, headers: out })
    })
}
