import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { originGuard } from './auth/origin.ts'
import type { ServerDeps } from './context.ts'
import { ApiError, notFound } from './errors.ts'
import { sendJson } from './http.ts'
import { randomBase62 } from './ids.ts'
import { MAX_IMAGE_BYTES } from './images.ts'
import { DEFAULT_RATE_LIMITS, normalizeOrigin, type ResolvedOptions, type UserkitServerOptions } from './options.ts'
import { scryptHasher } from './password.ts'
import { clientRoutes } from './routes/client.ts'
import { environmentRoutes } from './routes/environment.ts'
import { imageRoutes } from './routes/images.ts'
import { meRoutes } from './routes/me.ts'
import { profileImageRoutes } from './routes/profile-image.ts'
import { signInRoutes } from './routes/sign-ins.ts'
import { defaultMessages } from './delivery/messages.ts'
import { isPhoneCountry } from './phone.ts'
import { devOutboxRoutes } from './routes/dev-outbox.ts'
import { emailAddressRoutes } from './routes/email-addresses.ts'
import { phoneNumberRoutes } from './routes/phone-numbers.ts'
import { verifyLinkRoutes } from './routes/verify-link.ts'
import { assertProductionOAuth, externalAccountRoutes } from './routes/external-accounts.ts'
import { mountDashboard } from './dashboard/routes.ts'
import { mountBackendApi } from './backend/index.ts'
import { createUser, type CreateUserInput } from './seed.ts'
import { migrate } from './storage/migrations.ts'
import type { UserRecord } from './storage/records.ts'
import { DEFAULT_SESSION_LIFETIME } from './storage/sessions.ts'
import { createStore, type Store } from './storage/store.ts'

/** Storage functions plus `createUser`, which hashes with the server's password hasher. */
export interface UserkitStore extends Store {
  /** Creates a user with verified email addresses (demo data, tests, stories). Throws a 422 `ApiError` on a broken rule. */
  createUser(input: CreateUserInput): Promise<UserRecord>
}

/** A running userkit server core. */
export interface UserkitServer {
  /** The Hono app: `app.request()` in tests, `app.fetch` in Node or in a browser page. */
  app: Hono
  /** Storage functions, to seed users in tests and stories. */
  store: UserkitStore
  /** The Backend API key: from the options, or generated once and kept in the database. */
  secretKey: string
  /** The options with defaults applied. */
  options: ResolvedOptions
  /** Closes the database. */
  close(): Promise<void>
}

/** JSON bodies are small; only the avatar upload may be large. */
const JSON_BODY_LIMIT = 64 * 1024
const UPLOAD_BODY_LIMIT = MAX_IMAGE_BYTES + 64 * 1024

/**
 * Creates the userkit server: migrates the database, loads or generates the secret key and builds
 * the Hono app. Uses web-standard APIs only, so it runs in Node and inside a browser page.
 */
export async function createUserkitServer(options: UserkitServerOptions): Promise<UserkitServer> {
  const resolved = resolveOptions(options)
  assertProductionOAuth(resolved)
  const db = options.database
  await migrate(db, resolved.now)
  const base = createStore(db, { now: resolved.now, sessionLifetime: resolved.sessionLifetime })
  const hasher = options.passwordHasher ?? scryptHasher()
  const store: UserkitStore = { ...base, createUser: (input) => createUser(base, hasher, input) }
  const prefix = resolved.env === 'production' ? 'sk_live_' : 'sk_test_'
  const secretKey = options.secretKey ?? (await store.settings.getOrInit('secret_key', prefix + randomBase62(40)))
  const app = buildApp({ store, hasher, options: resolved })
  mountBackendApi(app, { store, hasher, options: resolved }, secretKey)
  mountDashboard(app, { db, rateLimits: store.rateLimits, options: resolved, secretKey, password: options.dashboardPassword })
  return { app, store, secretKey, options: resolved, close: () => db.close() }
}

function phoneCountry(country: string): string {
  if (!isPhoneCountry(country)) throw new TypeError(`userkit: defaultPhoneCountry "${country}" is not a supported ISO 3166-1 alpha-2 code (e.g. US, GB, FR).`)
  return country
}

function resolveOptions(options: UserkitServerOptions): ResolvedOptions {
  const allowed = new Set<string>()
  for (const origin of options.allowedOrigins ?? []) {
    const normal = normalizeOrigin(origin)
    if (!normal) throw new TypeError(`userkit: allowedOrigins has "${origin}", which is not an origin (scheme://host[:port]).`)
    allowed.add(normal)
  }
  return {
    env: options.env ?? 'development',
    allowedOrigins: allowed,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    sessionLifetime: { ...DEFAULT_SESSION_LIFETIME, ...options.sessionLifetime },
    now: options.now ?? Date.now,
    trustProxy: options.trustProxy ?? false,
    getClientIp: options.getClientIp,
    applicationName: options.applicationName ?? 'userkit',
    delivery: options.delivery,
    onDevMessage: options.onDevMessage,
    messages: { ...defaultMessages, ...options.messages },
    defaultPhoneCountry: phoneCountry(options.defaultPhoneCountry ?? 'US'),
    oauth: options.oauth ?? {},
  }
}

function buildApp(deps: ServerDeps): Hono {
  const app = new Hono()
  const { allowedOrigins } = deps.options

  app.onError((error, c) => {
    const traceId = crypto.randomUUID()
    if (error instanceof ApiError) return sendJson(c, error.toJSON(traceId), error.status, error.headers)
    if (error instanceof HTTPException && error.status < 500) {
      const wrapped = new ApiError(error.status, 'bad_request', error.message || 'Bad request')
      return sendJson(c, wrapped.toJSON(traceId), error.status)
    }
    // A bug, not bad input: log it with the trace id the caller sees, reveal nothing.
    console.error(`userkit: unexpected error (trace ${traceId})`, error)
    const internal = new ApiError(500, 'internal_clerk_error', 'Something went wrong', {
      longMessage: 'The server hit an unexpected error. Try again later.',
    })
    return sendJson(c, internal.toJSON(traceId), 500)
  })
  app.notFound(() => {
    throw notFound()
  })

  // Cross-origin callers the operator allowed may send cookies; everyone else gets no CORS headers.
  if (allowedOrigins.size > 0) {
    app.use(
      '/v1/*',
      cors({
        origin: (origin) => (allowedOrigins.has(normalizeOrigin(origin) ?? '') ? origin : null),
        credentials: true,
        allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
        allowHeaders: ['Content-Type'],
      }),
    )
  }
  app.use('/v1/*', (c, next) =>
    bodyLimit({
      maxSize: /^\/v1\/(me|users\/[^/]+)\/profile_image$/.test(c.req.path) ? UPLOAD_BODY_LIMIT : JSON_BODY_LIMIT,
      onError: () => {
        throw new ApiError(413, 'request_body_too_large', 'Request body too large', {
          longMessage: 'The request body is larger than the server accepts.',
        })
      },
    })(c, next),
  )
  const guard = originGuard(allowedOrigins)
  for (const path of ['/v1/client', '/v1/client/*', '/v1/me', '/v1/me/*']) app.use(path, guard)

  environmentRoutes(app, deps)
  signInRoutes(app, deps)
  clientRoutes(app, deps)
  meRoutes(app, deps)
  profileImageRoutes(app, deps)
  imageRoutes(app, deps)
  emailAddressRoutes(app, deps)
  phoneNumberRoutes(app, deps)
  verifyLinkRoutes(app, deps)
  if (deps.options.env === 'development') devOutboxRoutes(app, deps)
  externalAccountRoutes(app, deps)
  return app
}
