/**
 * Starting userkit from environment variables (see the README's "Configuration"): what the
 * `userkit-server` command runs, and what an app's own Node server can run with routes of its own
 * beside it (the demo does).
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { Hono } from 'hono'
import { assertProductionOAuth, oauthProvidersFromEnv } from '../oauth/config.ts'
import type { Database } from '../storage/database.ts'
import { pgliteDatabase } from '../storage/pglite.ts'
import type { DevOidc } from './dev-oidc.ts'
import { deliveryFromEnv } from './delivery-env.ts'
import { type RunningUserkit, startUserkit } from './index.ts'
import { postgresDatabase, postgresPool } from './postgres.ts'

const vars = process.env

/** Prints `userkit: <message>` and exits with 1: a refusal to start, in one line naming the fix. */
export function fail(message: string): never {
  console.error(`userkit: ${message}`)
  process.exit(1)
}

/** `USERKIT_ENV`: production unless it says development. */
export function envFromVars(): 'development' | 'production' {
  const env = vars.USERKIT_ENV || 'production'
  if (env !== 'development' && env !== 'production') fail(`USERKIT_ENV must be development or production, not "${env}".`)
  return env
}

/** The database the environment names: PostgreSQL at `DATABASE_URL`, else PGlite in `USERKIT_DATA_DIR`. */
export function databaseFromEnv(): Database {
  if (vars.DATABASE_URL) return postgresDatabase(postgresPool(vars.DATABASE_URL))
  const dataDir = resolve(vars.USERKIT_DATA_DIR || '.userkit')
  mkdirSync(dataDir, { recursive: true })
  return pgliteDatabase(new PGlite(join(dataDir, 'pgdata')))
}

/**
 * Starts a Dev OIDC provider for development, when its optional package is installed; without it,
 * development runs on without a local provider, and says so.
 */
async function startDevProvider(host: string, port: number): Promise<DevOidc | null> {
  let startDevOidc: typeof import('./dev-oidc.ts').startDevOidc
  try {
    ;({ startDevOidc } = await import('./dev-oidc.ts'))
  } catch {
    console.log('Dev OIDC provider not started: install oidc-provider (an optional peer dependency) to connect accounts locally.')
    return null
  }
  const hosts = new Set([host.includes(':') ? `[${host}]` : host, '127.0.0.1', 'localhost'])
  const devOidc = await startDevOidc({ redirectUris: [...hosts].map((h) => `http://${h}:${port}/v1/oauth_callback`) })
  console.log(`Dev OIDC provider (any user name signs in): ${devOidc.issuer}`)
  return devOidc
}

/** What an app adds to the server it starts from the environment. */
export interface RunOptions {
  /** Routes of the app's own, served beside userkit (an API that verifies session tokens). */
  routes?: Hono
}

/** `USERKIT_WEBHOOK_URL` and `USERKIT_WEBHOOK_SECRET`: one endpoint for every event type, or none. */
export function webhookFromEnv(): { url: string; secret: string } | undefined {
  const url = vars.USERKIT_WEBHOOK_URL
  const secret = vars.USERKIT_WEBHOOK_SECRET
  if (!url && !secret) return undefined
  if (!url) fail('USERKIT_WEBHOOK_SECRET is set without USERKIT_WEBHOOK_URL; set both, or neither.')
  if (!secret) fail('set USERKIT_WEBHOOK_SECRET beside USERKIT_WEBHOOK_URL (`userkit-server webhook-secret` prints a new one).')
  return { url, secret }
}

/**
 * Starts userkit as the environment says, refusing an unconfigured production start; stops it
 * cleanly on SIGINT and SIGTERM.
 */
export async function runFromEnv(extra: RunOptions = {}): Promise<RunningUserkit> {
  const env = envFromVars()
  const port = Number(vars.PORT || 4000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${vars.PORT}".`)
  const host = vars.HOST || '127.0.0.1'
  const allowedOrigins = (vars.USERKIT_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const secretKey = vars.USERKIT_SECRET_KEY || undefined
  // Read before anything starts: a production server that is not set up must not come up at all.
  if (env === 'production' && !secretKey) {
    fail('set USERKIT_SECRET_KEY to your Backend API key (`userkit-server secret` prints a new one), or run with USERKIT_ENV=development.')
  }
  if (env === 'production' && !vars.USERKIT_PUBLIC_URL) {
    fail('set USERKIT_PUBLIC_URL to the URL browsers reach this server at (e.g. https://users.example.com): it is the session tokens\' issuer.')
  }
  let deliveryConfig: ReturnType<typeof deliveryFromEnv>
  const oauth = { providers: oauthProvidersFromEnv(vars), encryptionKey: vars.USERKIT_ENCRYPTION_KEY || undefined }
  try {
    deliveryConfig = deliveryFromEnv(vars, env)
    assertProductionOAuth(env, oauth)
  } catch (error) {
    return fail((error instanceof Error ? error.message : String(error)).replace(/^userkit: /, ''))
  }

  const devOidc = env === 'development' && port !== 0 ? await startDevProvider(host, port) : null
  const running = await startUserkit({
    env: env,
    port,
    host,
    database: databaseFromEnv(),
    secretKey,
    allowedOrigins,
    trustProxy: vars.USERKIT_TRUST_PROXY === '1',
    dashboardPassword: vars.USERKIT_DASHBOARD_PASSWORD || undefined,
    delivery: deliveryConfig.delivery,
    defaultPhoneCountry: deliveryConfig.defaultPhoneCountry,
    demoDir: vars.USERKIT_DEMO_DIR || undefined,
    publicUrl: vars.USERKIT_PUBLIC_URL || undefined,
    encryptionKey: vars.USERKIT_ENCRYPTION_KEY || undefined,
    oauth: { ...oauth, providers: [...oauth.providers, ...(devOidc ? [devOidc.provider] : [])] },
    routes: extra.routes,
    webhooks: { endpoint: webhookFromEnv() },
  })
  console.log(`userkit (${env}) listening on ${running.url}`)
  console.log(`Users dashboard: ${running.url}/dashboard/`)
  for (const note of deliveryConfig.notes) console.log(note)
  if (!secretKey) console.log(`Secret key (kept in the database): ${running.server.secretKey}`)
  console.log(`Publishable key (CLERK_PUBLISHABLE_KEY, with CLERK_API_URL=${running.server.options.publicUrl}): ${running.server.publishableKey}`)

  let stopping = false
  const stop = (signal: string) => {
    // A second Ctrl-C means "now".
    if (stopping) process.exit(1)
    stopping = true
    console.log(`userkit: ${signal}, shutting down`)
    Promise.all([running.close(), devOidc?.close()]).then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  return running
}
