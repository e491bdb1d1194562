/**
 * The demo's own server (`npm start`): userkit, started from the environment as `userkit-server`
 * starts it, plus one API route of the demo app. That route learns who is signed in the way any
 * app's backend does, from the session token the page sends, verified by Clerk's own SDK.
 */
import { createClerkClient } from '@clerk/backend'
import { Hono } from 'hono'
import { runFromEnv } from '../server/node/run.ts'

// Set once userkit runs: the SDK needs its keys and address, as an app's backend reads them from its environment.
let clerk: ReturnType<typeof createClerkClient> | null = null
let publicUrl = ''

const api = new Hono().get('/api/me', async (c) => {
  if (!clerk) return c.json({ error: 'starting' }, 503)
  // The page may be opened at the public URL or at another name of this address (localhost).
  const state = await clerk.authenticateRequest(c.req.raw, { authorizedParties: [publicUrl, new URL(c.req.url).origin] })
  const { userId } = state.toAuth() ?? {}
  if (!state.isSignedIn || !userId) return c.json({ error: 'signed_out', reason: state.reason }, 401)
  return c.json({ userId })
})

const running = await runFromEnv({ routes: api })
publicUrl = running.server.options.publicUrl
clerk = createClerkClient({ secretKey: running.server.secretKey, publishableKey: running.server.publishableKey, apiUrl: publicUrl })
