import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { serve, type ServerType } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'
import { AsyncLocalStorage } from 'node:async_hooks'
import { createUserkitServer, type UserkitServer } from '../app.ts'
import type { RequestInfo } from '../request-scope.ts'
import { nodeWebhookTransport } from './webhook-transport.ts'
import { formatDevMessage } from '../delivery/dev-outbox.ts'
import { escapeHtml } from '../delivery/html.ts'
import { ApiError } from '../errors.ts'
import type { UserkitServerOptions } from '../options.ts'
import { pgliteDatabase } from '../storage/pglite.ts'
import { postgresDatabase, postgresPool } from './postgres.ts'
import { nodeScryptHasher } from './password.ts'

const here = dirname(fileURLToPath(import.meta.url))

/** How long close() waits for requests being answered before it drops their connections. */
const DRAIN_MS = 5_000

/**
 * The built users dashboard: inside the installed package (`dist/dashboard-app`, copied there by
 * its build), or in a checkout after `npm run build` (`dashboard/dist`). `null` when neither exists.
 */
export function builtDashboardDir(): string | null {
  const candidates = [join(here, '..', '..', 'dashboard-app'), join(here, '..', '..', 'dashboard', 'dist')]
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null
}

/** The demo user created on the first start in development (never in production). */
export const DEMO_USER = {
  email: 'demo@userkit.dev',
  password: 'userkit-demo',
  firstName: 'Demo',
  lastName: 'User',
  username: 'demo',
} as const

/** Options of `startUserkit`; the CLI fills them from the environment. */
export interface StartUserkitOptions
  extends Omit<UserkitServerOptions, 'database' | 'passwordHasher' | 'getClientIp'>,
    Partial<Pick<UserkitServerOptions, 'database' | 'passwordHasher'>> {
  /** Default 4000; 0 picks a free port. */
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  /** Where embedded PGlite keeps its files, unless `database` is given. Default `./.userkit`. */
  dataDir?: string
  /** `postgres://…`: keep everything in PostgreSQL instead of PGlite (`DATABASE_URL`). Ignored when `database` is given. */
  databaseUrl?: string
  /** A built single-page app to serve at `/` (fallback to its index.html), such as the demo. Default: none, `/` says the server is running. */
  demoDir?: string | null
  /** The built users dashboard served at `/dashboard`. Default: the one this package ships (`builtDashboardDir()`); `null` serves none. */
  dashboardDir?: string | null
  /** Where start-up lines go. Default `console.log`. */
  log?: (line: string) => void
  /** Routes of your own, served beside userkit (before the app at `/`), such as an API that verifies session tokens. Default: none. */
  routes?: Hono
  /** The public URL (`USERKIT_PUBLIC_URL`). Required in production; in development, default the address it listens on. */
  publicUrl?: string
}

/** A userkit server listening on a port. */
export interface RunningUserkit {
  server: UserkitServer
  /** `http://host:port`. */
  url: string
  /** Stops listening, then closes the database. */
  close(): Promise<void>
}

/**
 * Starts userkit on Node: PGlite persisted in `dataDir` (unless a `database` or `databaseUrl` is
 * given), node:crypto scrypt, the connection's address for rate limits, the users dashboard, an app
 * at `/` when `demoDir` is given and, in development only, a demo user on first start. Production
 * unless `env: 'development'`.
 */
export async function startUserkit(options: StartUserkitOptions = {}): Promise<RunningUserkit> {
  const log = options.log ?? console.log
  const env = options.env ?? 'production'
  let database = options.database
  if (!database && options.databaseUrl) {
    database = postgresDatabase(postgresPool(options.databaseUrl))
  } else if (!database) {
    const dataDir = resolve(options.dataDir ?? '.userkit')
    mkdirSync(dataDir, { recursive: true })
    database = pgliteDatabase(new PGlite(join(dataDir, 'pgdata')))
  }
  // Listen first: in development the public URL defaults to the address actually bound (port 0 too).
  // Until the server is set up (migrated, demo user seeded), its routes answer 503.
  let server: UserkitServer | undefined
  let ready: UserkitServer | undefined
  const core = (c: Context) => (ready ? ready.app.fetch(c.req.raw, c.env) : c.text('userkit is starting', 503))
  const root = new Hono()
  // While closing, each answer closes its connection, so no keep-alive socket brings in another.
  let draining = false
  root.use('*', async (c, next) => {
    await next()
    if (draining) c.header('Connection', 'close')
  })
  // Hand the raw request and Node bindings through, so the core sees the socket for getConnInfo.
  for (const path of ['/v1', '/v1/*', '/.well-known/*', '/dashboard/api/*', '/dev/*']) root.all(path, core)
  if (options.routes) root.route('/', options.routes)
  const dashboardDir = options.dashboardDir === null ? null : options.dashboardDir ? resolve(options.dashboardDir) : builtDashboardDir()
  if (options.dashboardDir !== null) serveDashboard(root, dashboardDir)
  serveApp(root, options.demoDir ? resolve(options.demoDir) : null)

  const host = options.host ?? '127.0.0.1'
  const http = await new Promise<ServerType>((done, fail) => {
    const s = serve({ fetch: root.fetch, port: options.port ?? 4000, hostname: host }, () => done(s))
    s.once('error', fail)
  })
  // Requests being answered, counted until their answer is written: close() lets them finish
  // before the database goes away.
  let inFlight = 0
  let drained: (() => void) | undefined
  http.on('request', (_req, res) => {
    inFlight++
    res.once('close', () => {
      if (--inFlight === 0) drained?.()
    })
  })
  /** Resolves when no request is being answered, or after `DRAIN_MS`. */
  const idle = () =>
    inFlight === 0
      ? Promise.resolve()
      : new Promise<void>((done) => {
          const timer = setTimeout(done, DRAIN_MS)
          drained = () => (clearTimeout(timer), done())
        })
  const address = http.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  /**
   * Stops accepting connections, lets the requests being answered finish (at most `DRAIN_MS`), then
   * drops the remaining connections: keep-alive ones would otherwise hold close() open.
   */
  const stopListening = async () => {
    draining = true
    const closed = new Promise<void>((done) => http.close(() => done()))
    if ('closeIdleConnections' in http) http.closeIdleConnections()
    await idle()
    if ('closeAllConnections' in http) http.closeAllConnections()
    await closed
  }

  try {
    server = await createUserkitServer({
      ...options,
      env,
      database,
      publicUrl: options.publicUrl ?? (env === 'development' ? developmentUrl(host, port) : undefined),
      passwordHasher: options.passwordHasher ?? nodeScryptHasher(),
      webhooks: { transport: nodeWebhookTransport, ...options.webhooks },
      requestScope: options.requestScope ?? new AsyncLocalStorage<RequestInfo>(),
      // Development messages are printed, so a newcomer sees the code without opening /dev/outbox.
      onDevMessage: options.onDevMessage ?? ((message) => log(formatDevMessage(message))),
      getClientIp: (c) => {
        try {
          return getConnInfo(c).remote.address
        } catch {
          return undefined // not behind @hono/node-server (e.g. app.request in a test)
        }
      },
    })
  } catch (error) {
    await stopListening()
    await database.close()
    throw error
  }
  const started = server
  try {
    if (env === 'development') await ensureDemoUser(started, log)
  } catch (error) {
    await stopListening()
    await started.close()
    throw error
  }
  ready = started

  let closing: Promise<void> | undefined
  return {
    server: started,
    url,
    close: () => (closing ??= stopListening().then(() => started.close())),
  }
}

/** Where a development server is reached: Clerk's SDKs need a host with a dot, so 127.0.0.1 stands in for localhost and wildcard binds. */
function developmentUrl(host: string, port: number | undefined): string {
  return `http://${host.includes('.') && host !== '0.0.0.0' ? host : '127.0.0.1'}:${port}`
}

/** The app at `/` (a built single-page app, falling back to its shell), or a page that says what runs here. */
function serveApp(root: Hono, dir: string | null): void {
  const index = dir ? join(dir, 'index.html') : null
  if (dir && index && existsSync(index)) {
    root.use('*', serveStatic({ root: dir }))
    // Client-side routes (/account …) get the app's shell.
    root.get('*', (c) => c.html(readFileSync(index, 'utf8')))
  } else if (dir) {
    root.get('*', (c) =>
      c.html(`<!doctype html><meta charset="utf-8"><title>userkit</title><h1>userkit is running</h1><p>There is no built app in ${escapeHtml(dir)}: build it, then reload.</p>`, 503),
    )
  } else {
    root.get('*', (c) =>
      c.html(
        '<!doctype html><meta charset="utf-8"><title>userkit</title><h1>userkit is running</h1>' +
          '<p>The Frontend API is at <a href="/v1/environment">/v1/environment</a>, the users dashboard at <a href="/dashboard/">/dashboard/</a>.</p>',
      ),
    )
  }
}

/** The operators' app at `/dashboard/…`: its files, and its shell for client-side routes (/dashboard/users/…). */
function serveDashboard(root: Hono, dir: string | null): void {
  const index = dir ? join(dir, 'index.html') : null
  // The shell must never be cached: a new build renames the assets it points to.
  const shell = (c: Context) =>
    index && existsSync(index)
      ? c.html(readFileSync(index, 'utf8'), 200, { 'Cache-Control': 'no-store' })
      : c.text('The dashboard is not built. Run npm run build, then reload.', 503)
  if (dir) root.use('/dashboard/assets/*', serveStatic({ root: dir, rewriteRequestPath: (path) => path.replace(/^\/dashboard/, '') }))
  root.get('/dashboard', shell)
  root.get('/dashboard/*', shell)
}

/** Creates the demo user once (a settings flag remembers it, so a deleted demo user stays deleted). */
async function ensureDemoUser(server: UserkitServer, log: (line: string) => void): Promise<void> {
  if ((await server.store.settings.get('demo_user_seeded')) === null) {
    try {
      await server.createUser({ ...DEMO_USER })
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'form_identifier_exists')) throw error
    }
    await server.store.settings.set('demo_user_seeded', new Date(server.options.now()).toISOString())
  }
  if (await server.store.identifications.findByValue('email_address', DEMO_USER.email)) {
    log(`Demo user: ${DEMO_USER.email}  password: ${DEMO_USER.password}`)
  }
}

export { nodeScryptHasher } from './password.ts'
export { isPrivateAddress, nodeWebhookTransport } from './webhook-transport.ts'
export { postgresDatabase, postgresPool } from './postgres.ts'
export { ConfigError, deliveryFromEnv, type DeliveryConfig } from './delivery-env.ts'
export { smsWebhookDelivery, type SmsWebhookOptions } from './sms-webhook.ts'
export { smtpDelivery, type SmtpDeliveryOptions } from './smtp.ts'
export { runFromEnv, type RunOptions } from './run.ts'
