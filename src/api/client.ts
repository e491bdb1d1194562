import { errorFromResponse, localError } from './errors.ts'
import { type ExternalAccountCalls, externalAccountCalls } from './external-accounts.ts'
import { type IdentificationCalls, identificationCalls } from './identifications.ts'
import { parseClient, parseDeleted, parseEnvironment, parseImage, parseSession, parseUser } from './parse.ts'
import { createTokenCache, type GetTokenOptions, type TokenEvent } from './tokens.ts'
import type { Client, DeletedObject, Environment, Image, Result, Session, User } from './types.ts'
import type { ClientJSON, EnvelopeJSON } from '../wire/index.ts'

export interface UserkitClientOptions {
  /** Where the Frontend API lives, without a trailing `/v1`. Default `''`: the page's own origin. */
  baseUrl?: string
  /** The `fetch` to send requests with. Default: the global `fetch`, looked up at call time. */
  fetch?: typeof fetch
}

export interface SignInParams {
  /** An email address or a username. */
  identifier: string
  password: string
  /** Default `'password'`. */
  strategy?: string
}

/** What `updateMe` may change; omitted keys stay as they are, `null` clears. */
export interface UpdateMeParams {
  firstName?: string | null
  lastName?: string | null
  username?: string | null
  primaryEmailAddressId?: string
  primaryPhoneNumberId?: string
}

/** The Frontend API as plain async functions. Each rejects with a `UserkitApiError`. */
export interface UserkitClient extends IdentificationCalls, ExternalAccountCalls {
  /** The public settings (`GET /v1/environment`). */
  getEnvironment(): Promise<Environment>
  /** The browser's client and its sessions, or `null` when it has none (`GET /v1/client`). */
  getClient(): Promise<Client | null>
  /** Starts a session with an identifier and a password (`POST /v1/client/sign_ins`). */
  signIn(params: SignInParams): Promise<Result<Session>>
  /** Ends every session of this browser (`DELETE /v1/client/sessions`); answers the client. */
  signOut(): Promise<Result<Client | null>>
  /** Ends one session (`POST /v1/client/sessions/{id}/end`). */
  endSession(id: string): Promise<Result<Session>>
  /** The signed-in user (`GET /v1/me`). */
  getMe(): Promise<Result<User>>
  /** Changes the signed-in user's fields (`PATCH /v1/me`). */
  updateMe(params: UpdateMeParams): Promise<Result<User>>
  /** Uploads a new avatar: png, jpeg, gif or webp (`POST /v1/me/profile_image`, multipart field `file`). */
  setProfileImage(file: Blob): Promise<Result<Image>>
  /** Removes the avatar (`DELETE /v1/me/profile_image`). */
  removeProfileImage(): Promise<Result<DeletedObject>>
  /**
   * A session token for the app's own backend (`Authorization: Bearer …`): an RS256 JWT of about
   * a minute, cached per session and refreshed in the background before it ends; concurrent calls
   * share one request. `null` when signed out. A 401 (the session ended) resolves `null` too, and
   * tells `onToken` listeners the kit is signed out; other failures reject with `UserkitApiError`.
   */
  getToken(options?: GetTokenOptions): Promise<string | null>
  /** Hears every new token of the active session and its end (cookie mode listens here); answers the unsubscribe. */
  onToken(listener: (event: TokenEvent) => void): () => void
}

/** `firstName` → `first_name`, for the keys the caller gave (undefined ones are left out). */
export function toSnake(params: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value
  }
  return out
}

/**
 * Creates a Frontend API client: functions over `fetch`, safe to create during SSR. Its only state
 * is the session-token cache, learnt from the answers it parses.
 */
export function createUserkitClient(options: UserkitClientOptions = {}): UserkitClient {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '')
  const tokens = createTokenCache(async (sessionId) => {
    const json = (await request('POST', `/v1/client/sessions/${encodeURIComponent(sessionId)}/tokens`, {})) as { jwt?: unknown }
    if (typeof json.jwt !== 'string') throw localError(200, 'unexpected_response', 'Unexpected response (no token)')
    return json.jwt
  })

  async function request(method: string, path: string, body?: object | FormData): Promise<any> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (body && !(body instanceof FormData)) headers['Content-Type'] = 'application/json'
    let res: Response
    try {
      res = await (options.fetch ?? fetch)(base + path, {
        method,
        headers,
        credentials: 'include',
        body: body instanceof FormData ? body : body && JSON.stringify(body),
      })
    } catch (cause) {
      throw localError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error')
    }
    let json: unknown
    try {
      json = await res.json()
    } catch {
      // Not JSON (a proxy's HTML page, an empty body): the status alone decides the message.
    }
    // The server says nobody is signed in on this browser: no token is to be had either.
    if (res.status === 401) tokens.observe(null)
    if (!res.ok) throw errorFromResponse(res, json)
    if (typeof json !== 'object' || json === null) {
      throw localError(res.status, 'unexpected_response', `Unexpected response (${res.status})`)
    }
    return json
  }

  function envelope<W, T>(parse: (json: W) => T) {
    return async (method: string, path: string, body?: object | FormData): Promise<Result<T>> => {
      const json = (await request(method, path, body)) as EnvelopeJSON<W>
      if (!('response' in json)) throw localError(200, 'unexpected_response', 'Unexpected response (no envelope)')
      tokens.observe(json.client)
      return Object.freeze({ response: parse(json.response), client: parseClient(json.client) })
    }
  }

  const user = envelope(parseUser)
  const session = envelope(parseSession)

  return {
    getEnvironment: async () => parseEnvironment(await request('GET', '/v1/environment')),
    getClient: async () => {
      const json = await request('GET', '/v1/client')
      // Clerk wraps it ({response: client, client: null}); accept a bare client too.
      const client = ('response' in json ? json.response : json) as ClientJSON | null
      tokens.observe(client)
      return parseClient(client)
    },
    signIn: ({ identifier, password, strategy = 'password' }) =>
      session('POST', '/v1/client/sign_ins', { identifier, password, strategy }),
    signOut: () => envelope(parseClient)('DELETE', '/v1/client/sessions'),
    endSession: (id) => session('POST', `/v1/client/sessions/${encodeURIComponent(id)}/end`),
    getMe: () => user('GET', '/v1/me'),
    updateMe: (params) => user('PATCH', '/v1/me', toSnake(params)),
    setProfileImage: (file) => {
      const form = new FormData()
      form.append('file', file)
      return envelope(parseImage)('POST', '/v1/me/profile_image', form)
    },
    removeProfileImage: () => envelope(parseDeleted)('DELETE', '/v1/me/profile_image'),
    getToken: (opts) => tokens.get(opts),
    onToken: (listener) => tokens.subscribe(listener),
    ...identificationCalls((parse, method, path, body) => envelope(parse)(method, path, body)),
    ...externalAccountCalls((parse, method, path, body) => envelope(parse)(method, path, body)),
  }
}
