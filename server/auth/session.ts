import type { Context } from 'hono'
import type { EnvelopeJSON } from '../../src/api/wire.ts'
import type { ServerDeps } from '../context.ts'
import { signedOut } from '../errors.ts'
import { requestOrigin, sendJson } from '../http.ts'
import { sha256Hex } from '../ids.ts'
import { clientJSON } from '../serialize.ts'
import type { ClientRecord, SessionRecord, UserRecord } from '../storage/records.ts'
import { readClientToken } from './cookies.ts'

/** The client named by the request's cookie, or `null` (no cookie, or a token the database does not know). */
export async function findClient(c: Context, deps: ServerDeps): Promise<ClientRecord | null> {
  const token = readClientToken(c)
  if (!token) return null
  return deps.store.sessions.clientByTokenHash(await sha256Hex(token))
}

/** The signed-in state every `/v1/me` route starts from. */
export interface SignedIn {
  client: ClientRecord
  session: SessionRecord
  user: UserRecord
  /** The client's active sessions, the current one as touched. */
  sessions: SessionRecord[]
}

/**
 * The client's current session (its last active one) and its user; throws 401 `signed_out` when
 * there is none. Slides the session's expiry as a side effect.
 */
export async function requireSignedIn(c: Context, deps: ServerDeps): Promise<SignedIn> {
  const found = await findClient(c, deps)
  if (!found) throw signedOut()
  // Expiring sessions may repoint the client's last active one: activeState re-reads it then.
  const { client, sessions } = await deps.store.sessions.activeState(found)
  const current = sessions.find((s) => s.id === client.lastActiveSessionId)
  if (!current) throw signedOut()
  const loaded = await deps.store.users.get(current.userId)
  if (!loaded || loaded.banned) throw signedOut()
  const session = await deps.store.sessions.touch(current)
  // The user answered carries this request's own activity, as a fresh read would.
  const user = session === current ? loaded : { ...loaded, lastActiveAt: await deps.store.users.recordActivity(loaded.id) }
  return { client, session, user, sessions: sessions.map((s) => (s.id === session.id ? session : s)) }
}

/** The client as the kit should cache it now: its active sessions, each with its user. */
export async function loadClientJSON(c: Context, deps: ServerDeps, clientOrId: ClientRecord | string | null | undefined) {
  if (!clientOrId) return null
  const loaded = typeof clientOrId === 'string' ? await deps.store.sessions.getClient(clientOrId) : clientOrId
  if (!loaded) return null
  const { client, sessions } = await deps.store.sessions.activeState(loaded)
  const users = await deps.store.users.getMany([...new Set(sessions.map((s) => s.userId))])
  return clientJSON({ origin: requestOrigin(c.req.raw) }, client, sessions, users)
}

/**
 * The envelope of a request that changed nothing: its client is built from the state
 * requireSignedIn already loaded rather than read a second time, unless the client also holds
 * other users' sessions (then they are loaded as usual).
 */
export async function unchangedEnvelope<T>(c: Context, deps: ServerDeps, response: T, signedIn: SignedIn): Promise<Response> {
  const { client, sessions, user } = signedIn
  if (sessions.some((s) => s.userId !== user.id)) return envelope(c, deps, response, client)
  const body: EnvelopeJSON<T> = {
    response,
    client: clientJSON({ origin: requestOrigin(c.req.raw) }, client, sessions, new Map([[user.id, user]])),
  }
  return sendJson(c, body)
}

/** Writes a Frontend API answer: `{response, client}`, the client loaded after the change. */
export async function envelope<T>(
  c: Context,
  deps: ServerDeps,
  response: T,
  clientId: ClientRecord | string | null | undefined,
  status = 200,
): Promise<Response> {
  const body: EnvelopeJSON<T> = { response, client: await loadClientJSON(c, deps, clientId) }
  return sendJson(c, body, status)
}
