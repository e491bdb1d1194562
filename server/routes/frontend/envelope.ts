import type { Context } from 'hono'
import type { ClientJSON, EnvelopeJSON } from '../../../src/wire/index.ts'
import { requestOrigin, sendJson } from '../../http.ts'
import { inProcess } from '../../in-process.ts'
import { normalizeOrigin } from '../../options.ts'
import type { SignedIn } from '../../sessions/index.ts'
import { clientJSON } from '../../serialize/frontend.ts'
import type { ClientRecord } from '../../storage/records.ts'
import type { RouteDeps } from '../env.ts'

/** The request's Origin: the header, or what the in-process fetch says (a page cannot set the header). */
export function requestOriginHeader(c: Context): string | null {
  return normalizeOrigin(c.req.header('origin') ?? inProcess(c)?.origin ?? '')
}

/**
 * The client as the kit should cache it now: its active sessions, each with its user; with
 * `withTokens`, each with a fresh `last_active_token` (for the Origin that asked, if it may have one).
 */
export async function loadClientJSON(
  c: Context,
  deps: RouteDeps,
  clientOrId: ClientRecord | string | null | undefined,
  withTokens = false,
): Promise<ClientJSON | null> {
  if (!clientOrId) return null
  const loaded = typeof clientOrId === 'string' ? await deps.store.sessions.getClient(clientOrId) : clientOrId
  if (!loaded) return null
  const { client, sessions } = await deps.store.sessions.activeState(loaded)
  const users = await deps.store.users.getMany([...new Set(sessions.map((s) => s.userId))])
  const tokens = new Map<string, string>()
  if (withTokens) {
    const azp = deps.domain.tokens.authorizedParty(requestOriginHeader(c), requestOrigin(c.req.raw))
    for (const session of sessions) {
      const jwt = await deps.domain.tokens.lastActive(session, azp)
      if (jwt) tokens.set(session.id, jwt)
    }
  }
  return clientJSON({ origin: requestOrigin(c.req.raw) }, client, sessions, users, tokens)
}

/** Writes a Frontend API answer: `{response, client}`, the client loaded after the change. */
export async function envelope<T>(
  c: Context,
  deps: RouteDeps,
  response: T,
  client: ClientRecord | string | null | undefined,
  withTokens = false,
): Promise<Response> {
  const body: EnvelopeJSON<T> = { response, client: await loadClientJSON(c, deps, client, withTokens) }
  return sendJson(c, body)
}

/**
 * The envelope of a request that changed nothing: its client is built from the state `signedIn()`
 * already loaded rather than read a second time, unless the client also holds other users'
 * sessions (then they are loaded as usual).
 */
export async function unchangedEnvelope<T>(c: Context, deps: RouteDeps, response: T, state: SignedIn): Promise<Response> {
  const { client, sessions, user } = state
  if (sessions.some((s) => s.userId !== user.id)) return envelope(c, deps, response, client)
  const body: EnvelopeJSON<T> = {
    response,
    client: clientJSON({ origin: requestOrigin(c.req.raw) }, client, sessions, new Map([[user.id, user]])),
  }
  return sendJson(c, body)
}
