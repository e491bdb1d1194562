import { SignJWT } from 'jose'
import type { DomainContext } from '../domain.ts'
import { ApiError, notFound, signedOut } from '../errors.ts'
import { memoryLimiter } from '../limits.ts'
import { randomBase62, randomToken, sha256Hex } from '../ids.ts'
import type { SessionRecord } from '../storage/records.ts'
import type { SigningKeys } from '../tokens/keys.ts'
import { cookieSuffix, publishableKey } from '../tokens/publishable-key.ts'
import { allowedRedirect } from '../verification/redirect.ts'
import type { sessionsDomain } from './index.ts'

/** The `cat` header Clerk's SDKs read as "a session token". */
const SESSION_TOKEN_CATEGORY = 'cl_B7d4PD111AAA'

/** How long a handshake nonce can be redeemed. */
const HANDSHAKE_NONCE_MS = 60_000

/** Cookies the app's host keeps in cookie mode, as Clerk names them. */
export const SESSION_COOKIE = '__session'
export const CLIENT_UAT_COOKIE = '__client_uat'

/**
 * Session tokens: short-lived RS256 JWTs (Clerk's version 2 claims) that the app's own backend
 * verifies with `@clerk/backend`, `@clerk/express` or `jose`, and the handshake that refreshes the
 * `__session` cookie on a page load.
 */
export function tokensDomain(ctx: DomainContext, deps: { keys: SigningKeys; sessions: ReturnType<typeof sessionsDomain> }) {
  const { store, options } = ctx
  const { keys } = deps
  const issuer = options.publicUrl
  const pk = publishableKey(issuer)
  const limitMinting = memoryLimiter(options.rateLimits.tokenMintPerSession, options.now)
  const suffix = cookieSuffix(pk)

  /**
   * The token's `azp`: the Origin that asked, when it is the server's own or an allowed one; the
   * public URL when the request carried none (a same-origin `GET`). `null` for anyone else.
   */
  function authorizedParty(origin: string | null, ownOrigin: string): string | null {
    if (origin === null) return issuer
    return origin === ownOrigin || origin === issuer || options.allowedOrigins.has(origin) ? origin : null
  }

  /** Signs a token for an active session; `lifetimeSeconds` defaults to the server's. */
  async function sign(session: SessionRecord, azp: string | null, lifetimeSeconds = options.sessionToken.lifetimeSeconds): Promise<string> {
    const { signing } = await keys.keySet()
    const iat = Math.floor(options.now() / 1000)
    // Minutes since the first factor (the sign-in); no second factor yet.
    const fva = [Math.max(0, Math.floor((options.now() - session.createdAt) / 60_000)), -1]
    return new SignJWT({ ...(azp ? { azp } : {}), fva, sid: session.id, v: 2 })
      .setProtectedHeader({ alg: 'RS256', kid: signing.kid, typ: 'JWT', cat: SESSION_TOKEN_CATEGORY })
      .setSubject(session.userId)
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setNotBefore(iat - options.sessionToken.clockSkewSeconds)
      .setExpirationTime(iat + lifetimeSeconds)
      .setJti(randomBase62(20))
      .sign(signing.key)
  }

  /** The session if it may have a token now: active, in time, its user not banned. */
  async function live(session: SessionRecord | null): Promise<SessionRecord | null> {
    if (!session || session.status !== 'active' || session.expireAt <= options.now()) return null
    const user = await store.users.get(session.userId)
    return user && !user.banned ? session : null
  }

  return {
    publishableKey: pk,
    cookieSuffix: suffix,
    authorizedParty,

    /**
     * `POST /v1/client/sessions/{id}/tokens`: a token for one of this browser's sessions. 404 for a
     * session of another client (as if it did not exist), 401 once it ended or was revoked.
     */
    async forClient(clientToken: string | undefined, sessionId: string, azp: string | null): Promise<string> {
      if (!clientToken) throw signedOut()
      // The hot path of every call to the app's backend: one round trip, then the signature.
      const check = await store.sessions.tokenCheck(sha256Hex(clientToken), sessionId)
      if (!check) throw signedOut()
      const { session } = check
      if (!session || session.clientId !== check.clientId) throw notFound('session')
      limitMinting(`session:${session.id}`, 'token requests')
      if (session.status !== 'active' || session.expireAt <= options.now()) {
        throw new ApiError(401, 'signed_out', 'This session has ended', { longMessage: 'This session has ended. Sign in again to continue.' })
      }
      return sign(session, azp)
    },

    /** A token for the client's `last_active_token` (the first token costs no extra request); `null` when none may be had. */
    async lastActive(session: SessionRecord, azp: string | null): Promise<string | null> {
      return azp && (await live(session)) ? sign(session, azp) : null
    },

    /** The Backend API's `POST /v1/sessions/{id}/tokens`: 404 unless the session is active. */
    async forBackend(sessionId: string, expiresInSeconds: number | undefined): Promise<string> {
      const session = await live(await store.sessions.get(sessionId))
      if (!session) throw notFound('session')
      return sign(session, issuer, expiresInSeconds)
    },

    /**
     * `GET /v1/client/handshake`: the cookies the app's host should hold for this browser (a fresh
     * `__session` and `__client_uat`, or their removal when signed out), stored under a nonce the
     * app's backend redeems once, within a minute. Answers where to send the browser back.
     */
    async handshake(input: { token: string | undefined; redirectUrl: string; suffixed: boolean; ownOrigin: string }): Promise<string> {
      const target = allowedRedirect(input.redirectUrl, input.ownOrigin, options.allowedOrigins)
      if (!target) {
        throw new ApiError(422, 'form_param_value_invalid', 'is not allowed', {
          longMessage: 'redirect_url must be on this server or on one of its allowed origins.',
          param: 'redirect_url',
        })
      }
      const url = new URL(target)
      const state = await deps.sessions.signedIn(input.token)
      const jwt = state ? await sign(state.session, url.origin) : ''
      const uat = state ? String(Math.floor(state.client.updatedAt / 1000)) : '0'
      const secure = url.protocol === 'https:' ? '; Secure' : ''
      const cookie = (name: string, value: string, maxAge: number) => `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure}`
      const sfx = await suffix
      const names = (base: string) => (input.suffixed ? [base, `${base}_${sfx}`] : [base])
      const year = 365 * 24 * 60 * 60
      const directives = [
        ...names(SESSION_COOKIE).map((name) => cookie(name, jwt, state ? year : 0)),
        ...names(CLIENT_UAT_COOKIE).map((name) => cookie(name, uat, year)),
      ]
      const nonce = randomToken()
      await store.handshakeNonces.save(sha256Hex(nonce), directives, options.now() + HANDSHAKE_NONCE_MS, options.now())
      url.searchParams.set('__clerk_handshake_nonce', nonce)
      return url.href
    },

    /** The Backend API's `GET /v1/clients/handshake_payload`: the directives, once; 404 for a used or expired nonce. */
    async handshakePayload(nonce: string): Promise<string[]> {
      const directives = await store.handshakeNonces.take(sha256Hex(nonce), options.now())
      if (!directives) throw notFound('handshake')
      return directives
    },
  }
}
