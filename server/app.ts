import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { defaultMessages } from './delivery/messages.ts'
import { createDomain, type Domain } from './domain.ts'
import { ApiError, notFound } from './errors.ts'
import { sendJson } from './http.ts'
import { randomBase62 } from './ids.ts'
import { assertProductionOAuth } from './oauth/config.ts'
import { DEFAULT_RATE_LIMITS, normalizeOrigin, type ResolvedOptions, type UserkitServerOptions } from './options.ts'
import { scryptHasher } from './password.ts'
import { isPhoneCountry } from './phone.ts'
import { clientIp } from './routes/client-ip.ts'
import { isWebhookSecret } from './webhooks/sign.ts'
import { fetchTransport } from './webhooks/transport.ts'
import { webhookUrlProblem } from './webhooks/endpoints.ts'
import { publicOrigin } from './tokens/publishable-key.ts'
import { backendApi } from './routes/backend/index.ts'
import { dashboardApi } from './routes/dashboard.ts'
import { devOutboxRoutes } from './routes/dev-outbox.ts'
import type { RouteDeps } from './routes/env.ts'
import { frontendApi, wellKnownRoutes } from './routes/frontend/index.ts'
import { DEFAULT_DASHBOARD_LIFETIME } from './storage/dashboard-sessions.ts'
import { migrate } from './storage/migrations/index.ts'
import type { UserRecord } from './storage/records.ts'
import { DEFAULT_SESSION_LIFETIME } from './storage/sessions.ts'
import { createStore, type Store } from './storage/store.ts'
import type { SigningKeys } from './tokens/keys.ts'
import type { CreateUserInput } from './users/create.ts'

/** A running userkit server core. */
export interface UserkitServer {
  /** The Hono app: `app.request()` in tests, `app.fetch` in Node or in a browser page. */
  app: Hono
  /** The repositories, for reading what the server keeps (tests and stories look here). */
  store: Store
  /**
   * Creates a user with the rules of the Backend API's `POST /v1/users` (demo data, tests,
   * stories, your own seeding). Throws a 422 `ApiError` on a broken rule.
   */
  createUser(input: CreateUserInput): Promise<UserRecord>
  /** The Backend API key: from the options, or generated once and kept in the database. */
  secretKey: string
  /** The `pk_live_…` key Clerk's SDKs take beside the secret key (`CLERK_PUBLISHABLE_KEY`), from the public URL. */
  publishableKey: string
  /** The session-token signing keys: the current public key as PEM (`CLERK_JWT_KEY`), and rotation. */
  signingKeys: Pick<SigningKeys, 'summary' | 'rotate'>
  /** The options with defaults applied. */
  options: ResolvedOptions
  /** Webhook delivery: `deliverDue()` sends what is due now (tests move the clock, then call it). */
  webhooks: { deliverDue(): Promise<number> }
  /** Stops the webhook sender and closes the database. */
  close(): Promise<void>
}

/**
 * Creates the userkit server: migrates the database, loads or generates the secret key and builds
 * the Hono app. Uses web-standard APIs only, so it runs in Node and inside a browser page. Without
 * `env: 'development'` it is a production server: no dev outbox, nothing but what the options say.
 */
export async function createUserkitServer(options: UserkitServerOptions): Promise<UserkitServer> {
  const resolved = resolveOptions(options)
  assertProductionOAuth(resolved.env, resolved.oauth)
  const db = options.database
  await migrate(db, resolved.now)
  const store = createStore(db, { now: resolved.now, sessionLifetime: resolved.sessionLifetime, dashboardLifetime: DEFAULT_DASHBOARD_LIFETIME })
  const prefix = resolved.env === 'production' ? 'sk_live_' : 'sk_test_'
  const secretKey = options.secretKey ?? (await store.settings.getOrInit('secret_key', prefix + randomBase62(40)))
  const instanceId = await store.settings.getOrInit('instance_id', `ins_${randomBase62(27)}`)
  const domain = createDomain({
    instanceId,
    store,
    options: resolved,
    hasher: options.passwordHasher ?? scryptHasher(),
    onChange: options.onChange,
    secretKey,
    dashboardPassword: options.dashboardPassword,
  })
  await domain.webhooks.syncEnvironment(resolved.webhooks.endpoint)
  const app = buildApp({ domain, store, options: resolved }, secretKey)
  return {
    app,
    store,
    async createUser(input) {
      const id = await domain.users.create(input)
      return (await store.users.get(id)) as UserRecord
    },
    secretKey,
    publishableKey: domain.tokens.publishableKey,
    signingKeys: { summary: () => domain.keys.summary(), rotate: () => domain.keys.rotate() },
    options: resolved,
    webhooks: { deliverDue: () => domain.webhookSender.deliverDue() },
    async close() {
      await domain.webhookSender.close()
      await db.close()
    },
  }
}

function phoneCountry(country: string): string {
  if (!isPhoneCountry(country)) throw new TypeError(`userkit: defaultPhoneCountry "${country}" is not a supported ISO 3166-1 alpha-2 code (e.g. US, GB, FR).`)
  return country
}

/** The development server's public URL when none is given: the CLI's default address. */
const DEVELOPMENT_PUBLIC_URL = 'http://127.0.0.1:4000'

function resolveOptions(options: UserkitServerOptions): ResolvedOptions {
  const env = options.env ?? 'production'
  if (env === 'production' && !options.publicUrl) {
    throw new TypeError('userkit: set publicUrl (USERKIT_PUBLIC_URL) to the URL browsers reach this server at, e.g. https://users.example.com.')
  }
  const encryptionKey = options.encryptionKey ?? options.oauth?.encryptionKey
  const allowed = new Set<string>()
  for (const origin of options.allowedOrigins ?? []) {
    const normal = normalizeOrigin(origin)
    if (!normal) throw new TypeError(`userkit: allowedOrigins has "${origin}", which is not an origin (scheme://host[:port]).`)
    allowed.add(normal)
  }
  return {
    env,
    publicUrl: publicOrigin(options.publicUrl ?? DEVELOPMENT_PUBLIC_URL),
    sessionToken: { lifetimeSeconds: 60, clockSkewSeconds: 10, ...options.sessionToken },
    encryptionKey,
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
    oauth: { ...options.oauth, encryptionKey },
    webhooks: {
      endpoint: environmentEndpoint(options.webhooks?.endpoint),
      transport: options.webhooks?.transport ?? fetchTransport,
      allowPrivateNetwork: options.webhooks?.allowPrivateNetwork ?? env === 'development',
      timeoutMs: options.webhooks?.timeoutMs ?? 15_000,
      pollIntervalMs: options.webhooks?.pollIntervalMs ?? 1_000,
    },
    requestScope: options.requestScope,
  }
}

function environmentEndpoint(endpoint: { url: string; secret: string } | undefined) {
  if (!endpoint) return undefined
  const problem = webhookUrlProblem(endpoint.url)
  if (problem) throw new TypeError(`userkit: the webhook URL (USERKIT_WEBHOOK_URL) ${problem}.`)
  if (!isWebhookSecret(endpoint.secret)) {
    throw new TypeError('userkit: the webhook secret (USERKIT_WEBHOOK_SECRET) must be whsec_ and at least 24 bytes in base64; `userkit-server webhook-secret` prints a new one.')
  }
  return endpoint
}

/** The root app: one error handler, and each API mounted where it lives. */
function buildApp(deps: RouteDeps, secretKey: string): Hono {
  const app = new Hono()
  const scope = deps.options.requestScope
  if (scope) {
    // The request's IP and user agent, for the webhook events it causes (a proxied dashboard call keeps the outer one's).
    app.use('*', (c, next) => (scope.getStore() ? next() : scope.run({ clientIp: clientIp(c, deps.options), userAgent: c.req.header('user-agent') ?? '' }, next)))
  }
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
  app.route('/.well-known', wellKnownRoutes(deps))
  app.route('/v1', frontendApi(deps))
  app.route('/v1', backendApi(deps, secretKey))
  app.route('/dashboard/api', dashboardApi(deps, secretKey, (request) => app.fetch(request)))
  if (deps.options.env === 'development') app.route('/dev', devOutboxRoutes(deps))
  return app
}

export type { Domain }
