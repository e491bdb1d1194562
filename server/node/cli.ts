/**
 * `npm start` (through tsx): userkit on Node, configured by environment variables.
 *
 *   PORT (4000), HOST (127.0.0.1), USERKIT_DATA_DIR (./.userkit), DATABASE_URL (postgres://…: PostgreSQL
 *   instead of PGlite), USERKIT_SECRET_KEY (else generated
 *   and kept in the database), USERKIT_ENV (development | production), USERKIT_ALLOWED_ORIGINS
 *   (comma-separated), USERKIT_TRUST_PROXY (1 to read X-Forwarded-For), USERKIT_DASHBOARD_PASSWORD
 *   (an operator password for /dashboard besides the secret key), USERKIT_ENCRYPTION_KEY (OAuth tokens
 *   at rest), USERKIT_OAUTH_<KEY>_CLIENT_ID / _CLIENT_SECRET / _ISSUER / _SCOPES / _NAME (providers).
 *   USERKIT_SMTP_URL + USERKIT_MAIL_FROM (email; required in production), USERKIT_SMS_WEBHOOK_URL (SMS),
 *   USERKIT_DEFAULT_COUNTRY (US; phone numbers typed without +). Without them, development uses the dev outbox.
 *   In development a local OpenID provider, "Dev OIDC", runs on its own port as the provider dev_oidc.
 */
import { oauthProvidersFromEnv } from '../oauth/config.ts'
import type { DevOidc } from './dev-oidc.ts'
import { deliveryFromEnv } from './delivery-env.ts'
import { startUserkit } from './index.ts'

function fail(message: string): never {
  console.error(`userkit: ${message}`)
  process.exit(1)
}

const env = process.env.USERKIT_ENV || 'development'
if (env !== 'development' && env !== 'production') fail(`USERKIT_ENV must be development or production, not "${env}".`)
const port = Number(process.env.PORT || 4000)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${process.env.PORT}".`)
const allowedOrigins = (process.env.USERKIT_ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
// Read before anything starts: a production server with no way to send must not come up at all.
const deliveryConfig = (() => {
  try {
    return deliveryFromEnv(process.env, env)
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
})()

let devOidc: DevOidc | null = null
try {
  const host = process.env.HOST || '127.0.0.1'
  // Development only, and loaded only then: oidc-provider is a development dependency.
  if (env === 'development' && port !== 0) {
    const { startDevOidc } = await import('./dev-oidc.ts')
    const hosts = new Set([host.includes(':') ? `[${host}]` : host, '127.0.0.1', 'localhost'])
    devOidc = await startDevOidc({ redirectUris: [...hosts].map((h) => `http://${h}:${port}/v1/oauth_callback`) })
    console.log(`Dev OIDC provider (any user name signs in): ${devOidc.issuer}`)
  }
  const running = await startUserkit({
    env,
    port,
    host: process.env.HOST || '127.0.0.1',
    dataDir: process.env.USERKIT_DATA_DIR || '.userkit',
    databaseUrl: process.env.DATABASE_URL || undefined,
    secretKey: process.env.USERKIT_SECRET_KEY || undefined,
    allowedOrigins,
    trustProxy: process.env.USERKIT_TRUST_PROXY === '1',
    dashboardPassword: process.env.USERKIT_DASHBOARD_PASSWORD || undefined,
    delivery: deliveryConfig.delivery,
    defaultPhoneCountry: deliveryConfig.defaultPhoneCountry,
    oauth: {
      providers: [...oauthProvidersFromEnv(process.env), ...(devOidc ? [devOidc.provider] : [])],
      encryptionKey: process.env.USERKIT_ENCRYPTION_KEY || undefined,
    },
  })
  console.log(`userkit (${env}) listening on ${running.url}`)
  console.log(`Users dashboard: ${running.url}/dashboard/`)
  for (const note of deliveryConfig.notes) console.log(note)
  if (!process.env.USERKIT_SECRET_KEY) console.log(`Secret key (kept in the database): ${running.server.secretKey}`)

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
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}
