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
}

/**
 * The client's current session (its last active one) and its user; throws 401 `signed_out` when
 * there is none. Slides the session's expiry as a side effect.
 */
export async function requireSignedIn(c: Context, deps: ServerDeps): Promise<SignedIn> {
  const client = await findClient(c, deps)
  if (!client) throw signedOut()
  const sessions = await deps.store.sessions.listActive(client.id)
  // listActive may have expired the last active session and repointed the client.
  const fresh = (await deps.store.sessions.getClient(client.id)) ?? client
  const current = sessions.find((s) => s.id === fresh.lastActiveSessionId)
  if (!current) throw signedOut()
  const user = await deps.store.users.get(current.userId)
  if (!user || user.banned) throw signedOut()
  const session = await deps.store.sessions.touch(current)
  if (session !== current) await deps.store.users.recordActivity(user.id)
  return { client: fresh, session, user }
}

/** The client as the kit should cache it now: its active sessions, each with its user. */
export async function loadClientJSON(c: Context, deps: ServerDeps, clientId: string | null | undefined) {
  if (!clientId) return null
  const client = await deps.store.sessions.getClient(clientId)
  if (!client) return null
  const sessions = await deps.store.sessions.listActive(client.id)
  // Re-read: listActive may have repointed last_active_session_id.
  const current = (await deps.store.sessions.getClient(client.id)) ?? client
  const users = await deps.store.users.getMany([...new Set(sessions.map((s) => s.userId))])
  return clientJSON({ origin: requestOrigin(c.req.raw) }, current, sessions, users)
}

/** Writes a Frontend API answer: `{response, client}`, the client loaded after the change. */
export async function envelope<T>(
  c: Context,
  deps: ServerDeps,
  response: T,
  clientId: string | null | undefined,
  status = 200,
): Promise<Response> {
  const body: EnvelopeJSON<T> = { response, client: await loadClientJSON(c, deps, clientId) }
  return sendJson(c, body, status)
}
