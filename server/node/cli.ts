#!/usr/bin/env node
/**
 * `userkit-server`: userkit on Node, configured by environment variables (see the README's
 * "Configuration"). Production unless `USERKIT_ENV=development`.
 *
 *   userkit-server              start the server
 *   userkit-server migrate      apply the database migrations, then exit
 *   userkit-server secret       print a new secret key (for USERKIT_SECRET_KEY)
 *   userkit-server keys         print the session-token public key (PEM, for CLERK_JWT_KEY) and the publishable key
 *   userkit-server keys rotate  make a new signing key at once; the old one stays in the JWKS for an hour
 *   userkit-server webhook-secret  print a new webhook signing secret (for USERKIT_WEBHOOK_SECRET)
 */
import { createUserkitServer } from '../app.ts'
import { randomBase62 } from '../ids.ts'
import { migrate } from '../storage/migrations/index.ts'
import { generateWebhookSecret } from '../webhooks/sign.ts'
import { databaseFromEnv, envFromVars, fail, runFromEnv } from './run.ts'

const USAGE = 'usage: userkit-server [migrate | secret | keys [rotate] | webhook-secret]'

const vars = process.env

/** `keys` and `keys rotate`: the session-token keys of the database the environment names. */
async function keys(rotate: boolean): Promise<void> {
  const publicUrl = vars.USERKIT_PUBLIC_URL || `http://127.0.0.1:${vars.PORT || 4000}`
  const server = await createUserkitServer({
    database: databaseFromEnv(),
    env: envFromVars(),
    publicUrl,
    secretKey: vars.USERKIT_SECRET_KEY || undefined,
    encryptionKey: vars.USERKIT_ENCRYPTION_KEY || undefined,
  })
  try {
    const summary = rotate ? await server.signingKeys.rotate() : await server.signingKeys.summary()
    if (rotate) console.log(`userkit: ${summary.kid} signs from now on; the previous key stays in the JWKS for an hour. Update CLERK_JWT_KEY where it is set.`)
    console.log(`Publishable key: ${server.publishableKey}`)
    console.log(`Signing key ${summary.kid} (CLERK_JWT_KEY):\n${summary.pem}`)
  } finally {
    await server.close()
  }
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
  if (command === undefined || command === 'start') await runFromEnv()
  else if (command === 'migrate') await migrateOnly()
  else if (command === 'secret') console.log(`sk_live_${randomBase62(40)}`)
  else if (command === 'webhook-secret') console.log(generateWebhookSecret())
  else if (command === 'keys' && (process.argv[3] === undefined || process.argv[3] === 'rotate')) await keys(process.argv[3] === 'rotate')
  else fail(`unknown command "${command}". ${USAGE}`)
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}
