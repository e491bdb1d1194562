#!/usr/bin/env node
/**
 * `userkit-server`: userkit on Node, configured by environment variables (see the README's
 * "Configuration"). Production unless `USERKIT_ENV=development`.
 *
 *   userkit-server            start the server
 *   userkit-server migrate    apply the database migrations, then exit
 *   userkit-server secret     print a new secret key (for USERKIT_SECRET_KEY)
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { randomBase62 } from '../ids.ts'
import { assertProductionOAuth, oauthProvidersFromEnv } from '../oauth/config.ts'
import type { Database } from '../storage/database.ts'
import { migrate } from '../storage/migrations/index.ts'
import { pgliteDatabase } from '../storage/pglite.ts'
import type { DevOidc } from './dev-oidc.ts'
import { deliveryFromEnv } from './delivery-env.ts'
import { startUserkit } from './index.ts'
import { postgresDatabase, postgresPool } from './postgres.ts'

const USAGE = 'usage: userkit-server [migrate | secret]'

function fail(message: string): never {
  console.error(`userkit: ${message}`)
  process.exit(1)
}

const vars = process.env
const env = vars.USERKIT_ENV || 'production'
if (env !== 'development' && env !== 'production') fail(`USERKIT_ENV must be development or production, not "${env}".`)

/** The database the environment names: PostgreSQL at `DATABASE_URL`, else PGlite in `USERKIT_DATA_DIR`. */
function databaseFromEnv(): Database {
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

async function start(): Promise<void> {
  const port = Number(vars.PORT || 4000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${vars.PORT}".`)
  const host = vars.HOST || '127.0.0.1'
  const allowedOrigins = (vars.USERKIT_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const secretKey = vars.USERKIT_SECRET_KEY || undefined
  // Read before anything starts: a production server that is not set up must not come up at all.
  if (env === 'production' && !secretKey) {
    fail('set USERKIT_SECRET_KEY to your Backend API key (`userkit-server secret` prints a new one), or run with USERKIT_ENV=development.')
  }
  let deliveryConfig: ReturnType<typeof deliveryFromEnv>
  const oauth = { providers: oauthProvidersFromEnv(vars), encryptionKey: vars.USERKIT_ENCRYPTION_KEY || undefined }
  try {
    deliveryConfig = deliveryFromEnv(vars, env as 'development' | 'production')
    assertProductionOAuth(env as 'development' | 'production', oauth)
  } catch (error) {
    return fail((error instanceof Error ? error.message : String(error)).replace(/^userkit: /, ''))
  }

  const devOidc = env === 'development' && port !== 0 ? await startDevProvider(host, port) : null
  const running = await startUserkit({
    env: env as 'development' | 'production',
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
    oauth: { ...oauth, providers: [...oauth.providers, ...(devOidc ? [devOidc.provider] : [])] },
  })
  console.log(`userkit (${env}) listening on ${running.url}`)
  console.log(`Users dashboard: ${running.url}/dashboard/`)
  for (const note of deliveryConfig.notes) console.log(note)
  if (!secretKey) console.log(`Secret key (kept in the database): ${running.server.secretKey}`)

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
}

async function migrateOnly(): Promise<void> {
  const database = databaseFromEnv()
  try {
    await migrate(database)
    console.log('userkit: the database is up to date.')
  } finally {
    await database.close()
  }
}

const command = process.argv[2]
try {
  if (command === undefined || command === 'start') await start()
  else if (command === 'migrate') await migrateOnly()
  else if (command === 'secret') console.log(`sk_live_${randomBase62(40)}`)
  else fail(`unknown command "${command}". ${USAGE}`)
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}
