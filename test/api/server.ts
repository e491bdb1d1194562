import { createInProcessFetch } from '../../server/in-process.ts'
import { setupTestServers, userFixture } from '../helpers/server.ts'

type CreateTestServer = ReturnType<typeof setupTestServers>
type Base = Awaited<ReturnType<CreateTestServer>>

export interface SeededUser {
  id: string
  email: string
  /** What to sign in with: the email address. */
  identifier: string
  password: string
}

/** The real server app (a fresh PGlite copy per test), plus what the api and hooks tests need. */
export interface KitServer {
  server: Base['server']
  /** A `fetch` into the app with its own cookie jar: one per simulated browser (node project). */
  newFetch(): typeof fetch
  seedUser(fields?: { firstName?: string | null; lastName?: string | null }): Promise<SeededUser>
}

/**
 * Wraps test/helpers/server.ts: call once at the top of a test file, then `await create()` per test.
 * The server runs on the real clock, because the in-process cookie jar checks `Expires` against it.
 */
export function setupKitServers(): () => Promise<KitServer> {
  const createTestServer = setupTestServers({
    now: () => Date.now(),
    rateLimits: { signInPerIdentifier: { max: 3, windowMs: 60_000 } },
  })
  return async () => {
    const { server } = await createTestServer()
    return {
      server,
      newFetch: () => createInProcessFetch(server.app.fetch, { baseUrl: 'http://localhost:4000' }),
      async seedUser(fields = {}) {
        const input = userFixture({ ...fields, lastName: fields.lastName ?? null })
        const user = await server.createUser(input)
        return { id: user.id, email: input.email, identifier: input.email, password: input.password }
      },
    }
  }
}
