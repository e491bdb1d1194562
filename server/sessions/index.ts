import type { WriteTx } from '../changes.ts'
import type { DomainContext } from '../domain.ts'
import { ApiError, notFound, signedOut } from '../errors.ts'
import { randomToken, sha256Hex } from '../ids.ts'
import { consume } from '../limits.ts'
import type { ClientRecord, SessionRecord, UserRecord } from '../storage/records.ts'

/** The signed-in state every `/v1/me` request starts from. */
export interface SignedIn {
  client: ClientRecord
  session: SessionRecord
  user: UserRecord
  /** The client's active sessions, the current one as touched. */
  sessions: SessionRecord[]
}

/** A started session, and the browser's new client token when it had none (for the cookie). */
export interface StartedSession {
  client: ClientRecord
  session: SessionRecord
  /** Set when a client was created: the raw token the cookie must carry. */
  newToken: string | null
}

/**
 * Starts a session for `userId` on the browser's client (created when it has none, or its token is
 * unknown): the one function every kind of sign-in ends in. Signing in again as the same user
 * replaces that user's session instead of stacking a duplicate.
 */
export async function startSession(tx: WriteTx, client: ClientRecord | null, userId: string): Promise<StartedSession> {
  let newToken: string | null = null
  if (!client) {
    newToken = randomToken()
    client = await tx.sessions.createClient(sha256Hex(newToken))
  }
  for (const existing of await tx.sessions.listActive(client.id)) {
    if (existing.userId !== userId) continue
    await tx.sessions.end(existing.id)
    tx.changed('session.ended', existing.id)
  }
  const session = await tx.sessions.create(client.id, userId)
  await tx.users.recordSignIn(userId)
  tx.changed('session.created', session.id)
  return { client, session, newToken }
}

/** Browsers, sessions and signing in. */
export function sessionsDomain(ctx: DomainContext) {
  const { store, options, write } = ctx

  /** The client a raw cookie token names, or `null` (no token, or one the database does not know). */
  async function clientOf(token: string | undefined): Promise<ClientRecord | null> {
    return token ? store.sessions.clientByTokenHash(sha256Hex(token)) : null
  }

  /** Signs one of the client's sessions out with `status`; another client's session is reported exactly like a missing one. */
  async function finish(client: ClientRecord | null, sessionId: string, status: 'ended' | 'removed'): Promise<SessionRecord> {
    if (!client) throw signedOut()
    return write(async (tx) => {
      const existing = await tx.sessions.get(sessionId)
      if (!existing || existing.clientId !== client.id) throw notFound('session')
      const session = (await tx.sessions.end(existing.id, status)) ?? existing
      if (existing.status === 'active') tx.changed(status === 'ended' ? 'session.ended' : 'session.removed', existing.id)
      return session
    })
  }

  return {
    clientOf,

    /**
     * The client's current session (its last active one) and its user, or `null` when there is none
     * (signed out, expired, banned). Slides the session's expiry as a side effect, at most about once
     * a minute; activity is not a change of the session, so it reports none.
     */
    async signedIn(token: string | undefined): Promise<SignedIn | null> {
      const found = await clientOf(token)
      if (!found) return null
      // Expiring sessions may repoint the client's last active one: activeState re-reads it then.
      const { client, sessions } = await store.sessions.activeState(found)
      const current = sessions.find((s) => s.id === client.lastActiveSessionId)
      if (!current) return null
      const loaded = await store.users.get(current.userId)
      if (!loaded || loaded.banned) return null
      const session = await store.sessions.touch(current)
      // The user answered carries this request's own activity, as a fresh read would.
      const user = session === current ? loaded : { ...loaded, lastActiveAt: await store.users.recordActivity(loaded.id) }
      return { client, session, user, sessions: sessions.map((s) => (s.id === session.id ? session : s)) }
    },

    /**
     * Signs in with an identifier (verified email or username) and a password. Attempts are counted
     * per IP and per identifier before the password is checked; a success takes its IP count back
     * and clears the identifier's.
     */
    async signInWithPassword(input: { token: string | undefined; identifier: string; password: string; ip: string }): Promise<StartedSession> {
      const identifier = input.identifier.toLowerCase()
      const ipKey = `signin:ip:${input.ip}`
      const idKey = `signin:id:${identifier}`
      const { signInPerIp, signInPerIdentifier } = options.rateLimits
      await consume(store.rateLimits, options.now, [[ipKey, signInPerIp], [idKey, signInPerIdentifier]], 'sign-in attempts')

      const candidate = await store.users.findForSignIn(identifier)
      if (!candidate) {
        throw new ApiError(422, 'form_identifier_not_found', "Couldn't find your account.", {
          longMessage: "Couldn't find an account with that email address or username.",
          param: 'identifier',
        })
      }
      if (!candidate.passwordHash) {
        throw new ApiError(422, 'strategy_for_user_invalid', 'Password sign-in is not available for this account.', { param: 'strategy' })
      }
      if (!(await ctx.hasher.verify(input.password, candidate.passwordHash))) {
        throw new ApiError(422, 'form_password_incorrect', 'Password is incorrect. Try again, or use another method.', { param: 'password' })
      }
      if (candidate.banned) throw new ApiError(403, 'user_banned', 'This account is banned.', { longMessage: 'This account cannot sign in.' })

      await store.rateLimits.refund(ipKey, signInPerIp.windowMs)
      await store.rateLimits.reset(idKey)
      const client = await clientOf(input.token)
      return write((tx) => startSession(tx, client, candidate.id))
    },

    /** Ends one of the client's sessions; another client's session is reported exactly like a missing one. */
    end: (client: ClientRecord | null, sessionId: string) => finish(client, sessionId, 'ended'),

    /** Removes one of the client's sessions (Clerk's `…/remove`): signed out as by `end`, recorded as `removed`. */
    remove: (client: ClientRecord | null, sessionId: string) => finish(client, sessionId, 'removed'),

    /** Signs the client out of every session (signing out twice is not an error: the second finds nothing). */
    async endAll(client: ClientRecord | null): Promise<void> {
      if (!client) return
      await write(async (tx) => {
        for (const session of await tx.sessions.endAll(client.id)) tx.changed('session.ended', session.id)
      })
    },

    /** The Backend API's revoke: an active session becomes revoked; one that already ended is answered unchanged, as Clerk does. */
    async revoke(sessionId: string): Promise<SessionRecord> {
      return write(async (tx) => {
        const before = await tx.sessions.get(sessionId)
        if (!before) throw notFound('session')
        const after = (await tx.sessions.end(sessionId, 'revoked')) ?? before
        if (before.status === 'active') tx.changed('session.revoked', sessionId)
        return after
      })
    },
  }
}
