/**
 * Server test harness: one migrated PGlite per test file, a copy of it per test (isolated), every
 * instance closed afterwards. Requests go through `app.request()`; no port is opened.
 *
 * The copy is what `pglite.clone()` does (dump the data directory, start a new instance from it),
 * except that the dump is taken once per file: that halves the per-test cost (~0.35 s vs ~0.65 s).
 */
import { PGlite } from '@electric-sql/pglite'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
export { pngBytes } from './png.ts'
import { createUserkitServer, type UserkitServer } from '../../server/app.ts'
import type { UserkitServerOptions } from '../../server/options.ts'
import { scryptHasher } from '../../server/password.ts'
import type { CreateUserInput } from '../../server/users/create.ts'
import type { Database } from '../../server/storage/database.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import type { UserRecord } from '../../server/storage/records.ts'
import { prepareTemplate } from './template.ts'
import { cloneDatabase, closeAdmin, createTemplateDatabase, dropDatabase, TEST_DATABASE_URL } from './postgres.ts'

/** `app.request('/v1/…')` resolves against this, so it is the server's own origin in tests. */
export const ORIGIN = 'http://localhost'

/** The test servers' public URL: the `iss` of their session tokens and what their publishable key encodes. */
export const PUBLIC_URL = 'http://127.0.0.1:4000'

/** scrypt at a toy cost: the format and code paths are the production ones, the work is not. */
export const fastHasher = scryptHasher({ N: 16, r: 1, p: 1 })

/** A test clock: starts at a fixed instant, moves only when told. */
export function testClock(start = Date.UTC(2026, 0, 1)) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

let fixtureCount = 0

/** A valid user with unique identifiers; override what the test is about. */
export function userFixture(overrides: Partial<CreateUserInput> = {}): CreateUserInput & { email: string; password: string } {
  fixtureCount += 1
  return {
    email: `user${fixtureCount}@example.com`,
    password: 'correct horse battery staple',
    firstName: 'Ada',
    lastName: 'Lovelace',
    ...overrides,
  } as CreateUserInput & { email: string; password: string }
}

/** Request options for `TestServer.request`. */
export interface TestRequestInit extends Omit<RequestInit, 'body'> {
  /** A `Cookie` header value (from `signIn`). */
  cookie?: string
  /** The `Origin` header. Default `ORIGIN` on non-GET requests; `null` sends none. */
  origin?: string | null
  /** An object is sent as JSON; a string, FormData or bytes as they are. */
  body?: unknown
}

export interface TestServer {
  server: UserkitServer
  /** The server's database, for the raw SQL a test sets up or checks with (the server's store has no SQL handle). */
  db: Database
  /** The clock the server runs on. */
  clock: ReturnType<typeof testClock>
  request(path: string, init?: TestRequestInit): Promise<Response>
  /** Creates a user from `userFixture(overrides)`. */
  createUser(overrides?: Partial<CreateUserInput>): Promise<{ user: UserRecord; email: string; password: string }>
  /** Signs in and answers the `Cookie` header value for later requests. Fails the test if sign-in fails. */
  signIn(identifier: string, password: string, init?: TestRequestInit): Promise<string>
  /** A new user, signed in. */
  signedInUser(overrides?: Partial<CreateUserInput>): Promise<{ user: UserRecord; email: string; password: string; cookie: string }>
}

/**
 * Registers the per-file template database and the per-test cleanup; call once at the top of a
 * test file. `createTestServer()` then gives each test its own development server on a clone
 * (the dev outbox is how tests read codes); a test of production passes `env: 'production'`.
 */
export function setupTestServers(defaults: Partial<Omit<UserkitServerOptions, 'database'>> = {}) {
  let template: File | Blob
  // With USERKIT_TEST_DATABASE_URL set, the same tests run on PostgreSQL (test/helpers/postgres.ts).
  let pgTemplate: string | undefined
  const open: UserkitServer[] = []

  beforeAll(async () => {
    if (TEST_DATABASE_URL) {
      pgTemplate = await createTemplateDatabase()
      return
    }
    const pglite = new PGlite()
    try {
      // Migrated and keyed once here: each copy starts with the schema and a signing key, so per-test setup is just a load.
      await prepareTemplate(pgliteDatabase(pglite))
      template = await pglite.dumpDataDir('none')
    } finally {
      await pglite.close()
    }
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()))
  })
  afterAll(async () => {
    if (pgTemplate) await dropDatabase(pgTemplate)
    await closeAdmin()
  })

  return async function createTestServer(options: Partial<Omit<UserkitServerOptions, 'database'>> = {}): Promise<TestServer> {
    const clock = testClock()
    const database = pgTemplate ? await cloneDatabase(pgTemplate) : pgliteDatabase(new PGlite({ loadDataDir: template }))
    let server: UserkitServer
    try {
      server = await createUserkitServer({
        database,
        env: 'development',
        // Production needs one, and Clerk's SDKs need a host with a dot.
        publicUrl: PUBLIC_URL,
        passwordHasher: fastHasher,
        now: clock.now,
        ...defaults,
        ...options,
      })
    } catch (error) {
      // A refused start (a test of a bad configuration) must not leave its database open.
      await database.close()
      throw error
    }
    open.push(server)

    const request = async (path: string, init: TestRequestInit = {}): Promise<Response> => {
      const { cookie, origin, body, ...rest } = init
      const headers = new Headers(rest.headers)
      const method = (rest.method ?? 'GET').toUpperCase()
      const sendOrigin = origin === undefined ? (method === 'GET' ? null : ORIGIN) : origin
      if (sendOrigin !== null) headers.set('origin', sendOrigin)
      if (cookie) headers.set('cookie', cookie)
      let payload: BodyInit | undefined
      if (body === undefined || typeof body === 'string' || body instanceof FormData || body instanceof Uint8Array) {
        payload = body as BodyInit | undefined
      } else {
        payload = JSON.stringify(body)
        if (!headers.has('content-type')) headers.set('content-type', 'application/json')
      }
      return server.app.request(path, { ...rest, method, headers, body: payload })
    }

    const createUser = async (overrides: Partial<CreateUserInput> = {}) => {
      const input = userFixture(overrides)
      const user = await server.createUser(input)
      return { user, email: input.email, password: input.password }
    }

    const signIn = async (identifier: string, password: string, init: TestRequestInit = {}) => {
      const res = await request('/v1/client/sign_ins', { method: 'POST', body: { identifier, password }, ...init })
      expect(res.status, await res.clone().text()).toBe(200)
      const cookie = res.headers.getSetCookie().find((line) => line.startsWith('__client='))
      if (!cookie) return init.cookie ?? ''
      return cookie.split(';')[0] as string
    }

    return {
      server,
      db: database,
      clock,
      request,
      createUser,
      signIn,
      async signedInUser(overrides) {
        const created = await createUser(overrides)
        return { ...created, cookie: await signIn(created.email, created.password) }
      },
    }
  }
}

/** Reads a JSON answer, asserting the exact `Content-Type` every JSON answer must carry. */
export async function readJson<T = any>(res: Response): Promise<T> {
  expect(res.headers.get('content-type')).toBe('application/json')
  return (await res.json()) as T
}

/** The first error of an error answer. */
export async function firstError(res: Response): Promise<{ code: string; message: string; long_message: string; meta: { param_name?: string } }> {
  const body = await readJson(res)
  expect(Array.isArray(body.errors)).toBe(true)
  return body.errors[0]
}


/** A multipart body with one `file` field. */
export function imageForm(bytes: Uint8Array, type = 'image/png', name = 'avatar.png'): FormData {
  const form = new FormData()
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }))
  return form
}
