/**
 * The real userkit server inside the Storybook page: `createUserkitServer` on an in-memory PGlite,
 * reached through `createInProcessFetch` (cookies and Origin travel beside the request, since a
 * page cannot set them on a Request). One migrated database per page, kept as a snapshot; each
 * story starts a fresh copy of it and seeds its own user through the server's store.
 */
import { PGlite } from '@electric-sql/pglite'
import { createUserkitClient, type UserkitClient } from '../../src/api/client.ts'
import { createUserkitServer, type UserkitServer } from '../../server/app.ts'
import { createInProcessFetch } from '../../server/in-process.ts'
import type { UserkitServerOptions } from '../../server/options.ts'
import { scryptHasher } from '../../server/password.ts'
import type { CreateUserInput } from '../../server/users/create.ts'
import { prepareTemplate } from '../../test/helpers/template.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import type { UserRecord } from '../../server/storage/records.ts'

/** The URL the in-page server pretends to live at (never fetched over the network). */
export const LIVE_BASE_URL = 'http://userkit.localhost'

/** scrypt at a toy cost, so seeding and signing in take milliseconds; the code path is the real one. */
const storyHasher = scryptHasher({ N: 16, r: 1, p: 1 })

/** One running in-page server with its seeded user. */
export interface LiveServer {
  server: UserkitServer
  /** The kit's client, wired to the in-page server with a cookie jar of its own. */
  client: UserkitClient
  /** The same in-process fetch the client uses, for the dev outbox panel. */
  fetch: typeof fetch
  /** The seeded user and the credentials to sign in with. */
  user: UserRecord
  email: string
  password: string
  close(): Promise<void>
}

/** Options of `startLiveServer`. */
export interface LiveServerOptions {
  /** Fields of the seeded user; default Ada Lovelace with a unique email. */
  user?: Partial<CreateUserInput>
  /** Sign the user in before the story renders. Default `false`: the story starts at <SignIn />. */
  signedIn?: boolean
  /** The server's rate limits, lowered by stories that show the 429 state. Default: the server's. */
  rateLimits?: UserkitServerOptions['rateLimits']
}

let snapshot: Promise<Blob> | undefined
const running = new Set<LiveServer>()
let count = 0

/** The migrated empty database, made once per page. */
function template(): Promise<Blob> {
  snapshot ??= (async () => {
    const pglite = new PGlite()
    try {
      await prepareTemplate(pgliteDatabase(pglite))
      return await pglite.dumpDataDir('none')
    } finally {
      await pglite.close()
    }
  })()
  return snapshot
}

/**
 * Starts a server on a fresh copy of the page's snapshot and seeds one user. Servers of earlier
 * stories in this page are closed first: a page shows one live story at a time.
 */
export async function startLiveServer(options: LiveServerOptions = {}): Promise<LiveServer> {
  await Promise.all(Array.from(running, (live) => live.close()))
  const pglite = new PGlite({ loadDataDir: await template() })
  const server = await createUserkitServer({
    database: pgliteDatabase(pglite),
    // The live stories read codes from the dev outbox, as a developer trying the kit would.
    env: 'development',
    passwordHasher: storyHasher,
    rateLimits: options.rateLimits,
  })
  count += 1
  const input = {
    email: `ada${count}@example.com`,
    password: 'correct horse battery staple',
    firstName: 'Ada',
    lastName: 'Lovelace',
    username: `ada${count}`,
    ...options.user,
  }
  const user = await server.createUser(input)
  const fetch = createInProcessFetch(server.app.fetch, { baseUrl: LIVE_BASE_URL })
  const client = createUserkitClient({ baseUrl: LIVE_BASE_URL, fetch })
  if (options.signedIn) await client.signIn({ identifier: input.email ?? '', password: input.password ?? '' })
  let closed: Promise<void> | undefined
  const live: LiveServer = {
    server,
    client,
    fetch,
    user,
    email: input.email ?? '',
    password: input.password ?? '',
    close() {
      running.delete(live)
      closed ??= server.close()
      return closed
    },
  }
  running.add(live)
  return live
}
