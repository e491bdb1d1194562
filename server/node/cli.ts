/**
 * `npm start` (through tsx): userkit on Node, configured by environment variables.
 *
 *   PORT (4000), HOST (127.0.0.1), USERKIT_DATA_DIR (./.userkit), USERKIT_SECRET_KEY (else generated
 *   and kept in the database), USERKIT_ENV (development | production), USERKIT_ALLOWED_ORIGINS
 *   (comma-separated), USERKIT_TRUST_PROXY (1 to read X-Forwarded-For).
 */
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

try {
  const running = await startUserkit({
    env,
    port,
    host: process.env.HOST || '127.0.0.1',
    dataDir: process.env.USERKIT_DATA_DIR || '.userkit',
    secretKey: process.env.USERKIT_SECRET_KEY || undefined,
    allowedOrigins,
    trustProxy: process.env.USERKIT_TRUST_PROXY === '1',
  })
  console.log(`userkit (${env}) listening on ${running.url}`)
  if (!process.env.USERKIT_SECRET_KEY) console.log(`Secret key (kept in the database): ${running.server.secretKey}`)

  let stopping = false
  const stop = (signal: string) => {
    // A second Ctrl-C means "now".
    if (stopping) process.exit(1)
    stopping = true
    console.log(`userkit: ${signal}, shutting down`)
    running.close().then(
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
