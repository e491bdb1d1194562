import type { ClientJSON } from '../wire/index.ts'
import { UserkitApiError } from './errors.ts'

/** What `getToken` takes. */
export interface GetTokenOptions {
  /** Ask the server for a new token even when the cached one is fresh. Default `false`. */
  skipCache?: boolean
}

/** What token listeners hear: the active session's newest token, or `null` when there is none (signed out). */
export interface TokenEvent {
  jwt: string | null
  /** `floor(client.updated_at / 1000)` when the token was minted: Clerk's `__client_uat` (0 when signed out). */
  clientUat: number
  /** Set when the server refused a token because the session ended (401/404): the kit is signed out. */
  signedOut?: boolean
}

interface Entry {
  jwt: string | null
  /** When it arrived, on this browser's clock: its age is measured from here, so a skewed clock cannot matter. */
  receivedAt: number
  /** `exp − iat`, in ms, read from the token. */
  lifetime: number
  pending: Promise<string | null> | null
  timer: ReturnType<typeof setTimeout> | null
}

/** Background refresh this long before a token's end; the foreground waits for a new one under `STALE_MS`. */
const REFRESH_BEFORE_MS = 15_000
const STALE_MS = 5_000

/** `exp − iat` of a JWT, in ms; the kit reads only these two claims and ships no JWT library. */
export function tokenLifetime(jwt: string): number {
  try {
    const part = (jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')
    const { exp, iat } = JSON.parse(atob(part)) as { exp?: unknown; iat?: unknown }
    return typeof exp === 'number' && typeof iat === 'number' ? (exp - iat) * 1000 : 0
  } catch {
    return 0
  }
}

/**
 * One cached token per session, for the session the browser's client has active: concurrent calls
 * share one request, a token is refreshed in the background shortly before it ends, and
 * everything is forgotten on sign-out, on a change of session and on a 401.
 */
export function createTokenCache(mint: (sessionId: string) => Promise<string>, now: () => number = Date.now) {
  const entries = new Map<string, Entry>()
  const listeners = new Set<(event: TokenEvent) => void>()
  let active: string | null = null
  let clientUat = 0
  // Whether any answer has said who is signed in (until then, "no active session" means "not known yet").
  let known = false

  const emit = (event: TokenEvent) => {
    for (const listener of listeners) listener(event)
  }

  function drop(sessionId: string): void {
    const entry = entries.get(sessionId)
    if (entry?.timer) clearTimeout(entry.timer)
    entries.delete(sessionId)
  }

  function store(sessionId: string, jwt: string): void {
    const entry = entries.get(sessionId) ?? { jwt: null, receivedAt: 0, lifetime: 0, pending: null, timer: null }
    if (entry.timer) clearTimeout(entry.timer)
    entry.jwt = jwt
    entry.receivedAt = now()
    entry.lifetime = tokenLifetime(jwt)
    const wait = entry.lifetime - REFRESH_BEFORE_MS
    entry.timer = wait > 0 ? setTimeout(() => void refresh(sessionId).catch(() => undefined), wait) : null
    // A refresh timer alone must not keep a server-side process (SSR, tests) alive.
    ;(entry.timer as { unref?: () => void } | null)?.unref?.()
    entries.set(sessionId, entry)
    if (sessionId === active) emit({ jwt, clientUat })
  }

  /** Asks for a new token; a 401 or 404 means the session is over. */
  function refresh(sessionId: string): Promise<string | null> {
    const entry = entries.get(sessionId)
    if (entry?.pending) return entry.pending
    const pending = mint(sessionId).then(
      (jwt) => {
        const current = entries.get(sessionId)
        if (current?.pending === pending) current.pending = null
        // Signed out or switched meanwhile: the caller gets its token, the cache keeps nothing of it.
        if (sessionId === active) store(sessionId, jwt)
        return jwt
      },
      (error: unknown) => {
        const current = entries.get(sessionId)
        if (current?.pending === pending) current.pending = null
        if (error instanceof UserkitApiError && (error.status === 401 || error.status === 404)) {
          forget()
          emit({ jwt: null, clientUat: 0, signedOut: true })
          return null
        }
        throw error
      },
    )
    entries.set(sessionId, { ...(entry ?? { jwt: null, receivedAt: 0, lifetime: 0, timer: null }), pending })
    return pending
  }

  function forget(): void {
    for (const id of [...entries.keys()]) drop(id)
    active = null
    clientUat = 0
  }

  return {
    /** The active session's token: cached while fresh, shared while asked for, `null` when signed out. */
    get(options: GetTokenOptions = {}): Promise<string | null> {
      const sessionId = active
      if (!sessionId) return Promise.resolve(null)
      const entry = entries.get(sessionId)
      if (entry?.pending) return entry.pending
      const left = entry?.jwt ? entry.lifetime - (now() - entry.receivedAt) : 0
      if (options.skipCache || left < STALE_MS) return refresh(sessionId)
      if (left < REFRESH_BEFORE_MS) void refresh(sessionId).catch(() => undefined)
      return Promise.resolve(entry?.jwt ?? null)
    },

    /** Learns the browser's client from an answer: its active session, and any token minted with it. */
    observe(client: ClientJSON | null): void {
      known = true
      const session = client?.sessions.find((s) => s.id === client.last_active_session_id && s.status === 'active')
      const next = session?.id ?? null
      if (next !== active) {
        for (const id of [...entries.keys()]) if (id !== next) drop(id)
        active = next
        if (!next) emit({ jwt: null, clientUat: 0 })
      }
      if (client) clientUat = Math.floor(client.updated_at / 1000)
      for (const s of client?.sessions ?? []) if (s.last_active_token) store(s.id, s.last_active_token.jwt)
    },

    /**
     * Hears every new token of the active session, and `null` when it ends; once something is known,
     * it first hears the current state. Answers the unsubscribe.
     */
    subscribe(listener: (event: TokenEvent) => void): () => void {
      listeners.add(listener)
      const jwt = active ? (entries.get(active)?.jwt ?? null) : null
      if (known && (jwt || !active)) listener({ jwt, clientUat: jwt ? clientUat : 0 })
      return () => listeners.delete(listener)
    },
  }
}

/** A client's token cache. */
export type TokenCache = ReturnType<typeof createTokenCache>
