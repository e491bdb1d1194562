import { errorFromResponse, localError, UserkitApiError } from '../../src/api/errors.ts'
import type { CreateUserDraft, JsonObject, UserListParams } from './types.ts'
import type {
  BackendSessionJSON,
  BackendUserJSON,
  SigningKeysJSON,
  WebhookDeliveryJSON,
  WebhookEndpointJSON,
  WebhookEndpointWithSecretJSON,
  WebhookEventType,
} from '../../src/wire/index.ts'

/** The dashboard's only door to the server: `/dashboard/api/…`, under the operator's cookie. */
export interface DashboardApi {
  /** Whether the browser holds a dashboard session; rejects with a 401 when not. */
  getSession(): Promise<{ expire_at: number }>
  signIn(input: { secret_key: string } | { password: string }): Promise<{ expire_at: number }>
  signOut(): Promise<void>
  listUsers(params: UserListParams): Promise<BackendUserJSON[]>
  countUsers(query: string): Promise<number>
  getUser(id: string): Promise<BackendUserJSON>
  createUser(draft: CreateUserDraft): Promise<BackendUserJSON>
  deleteUser(id: string): Promise<void>
  /** `PATCH /v1/users/{id}/metadata`: a deep merge where `null` deletes a key. */
  patchMetadata(id: string, patch: { public_metadata?: JsonObject; private_metadata?: JsonObject }): Promise<BackendUserJSON>
  setBanned(id: string, banned: boolean): Promise<BackendUserJSON>
  listActiveSessions(userId: string): Promise<BackendSessionJSON[]>
  revokeSession(id: string): Promise<BackendSessionJSON>
  /** The session-token keys: the publishable key, the current PEM, the keys still listed. */
  getSigningKeys(): Promise<SigningKeysJSON>
  /** A new signing key at once; the old one stays in the JWKS for an hour. */
  rotateSigningKey(): Promise<SigningKeysJSON>
  listWebhookEndpoints(): Promise<WebhookEndpointJSON[]>
  /** Answers the endpoint with its secret, which is never shown again. */
  createWebhookEndpoint(input: { url: string; description: string; event_types: WebhookEventType[] }): Promise<WebhookEndpointWithSecretJSON>
  setWebhookEndpointDisabled(id: string, disabled: boolean): Promise<WebhookEndpointJSON>
  deleteWebhookEndpoint(id: string): Promise<void>
  /** A new secret; the old one keeps signing for 24 hours. */
  rotateWebhookSecret(id: string): Promise<WebhookEndpointWithSecretJSON>
  listWebhookDeliveries(id: string, limit: number): Promise<{ data: WebhookDeliveryJSON[]; total_count: number }>
  resendWebhookDelivery(id: string, deliveryId: string): Promise<WebhookDeliveryJSON>
}

/** Options of `createDashboardApi`. */
export interface DashboardApiOptions {
  /** Where the server is. Default: the page's own origin (`''`). */
  baseUrl?: string
  /** Default: the global `fetch`. */
  fetch?: typeof fetch
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** Creates the dashboard's API client: Backend API calls through `/dashboard/api/v1/…`. Rejects with `UserkitApiError`. */
export function createDashboardApi({ baseUrl = '', fetch: fetcher = globalThis.fetch.bind(globalThis) }: DashboardApiOptions = {}): DashboardApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response
    try {
      res = await fetcher(`${baseUrl}/dashboard/api${path}`, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch {
      throw localError(0, 'network_error', 'Could not reach the server.')
    }
    let json: unknown
    try {
      json = await res.json()
    } catch {
      json = undefined
    }
    if (!res.ok) throw errorFromResponse(res, json)
    if (json === undefined) throw localError(res.status, 'unexpected_response', `Unexpected response (${res.status})`)
    return json as T
  }

  return {
    getSession: () => call('GET', '/session'),
    signIn: (input) => call('POST', '/session', input),
    signOut: async () => {
      await call('DELETE', '/session')
    },
    listUsers: ({ query, limit, offset, orderBy }) => {
      const search = new URLSearchParams({ limit: String(limit), offset: String(offset), order_by: orderBy })
      if (query) search.set('query', query)
      return call('GET', `/v1/users?${search}`)
    },
    countUsers: async (query) => {
      const search = new URLSearchParams()
      if (query) search.set('query', query)
      const json = await call<{ total_count: number }>('GET', `/v1/users/count${query ? `?${search}` : ''}`)
      return json.total_count
    },
    getUser: (id) => call('GET', `/v1/users/${encodeURIComponent(id)}`),
    createUser: (draft) => {
      const body: Record<string, unknown> = {}
      const emails = list(draft.emails)
      const phones = list(draft.phones)
      if (emails.length) body.email_address = emails
      if (phones.length) body.phone_number = phones
      if (draft.username.trim()) body.username = draft.username.trim()
      if (draft.password) body.password = draft.password
      if (draft.firstName.trim()) body.first_name = draft.firstName.trim()
      if (draft.lastName.trim()) body.last_name = draft.lastName.trim()
      return call('POST', '/v1/users', body)
    },
    deleteUser: async (id) => {
      await call('DELETE', `/v1/users/${encodeURIComponent(id)}`)
    },
    patchMetadata: (id, patch) => call('PATCH', `/v1/users/${encodeURIComponent(id)}/metadata`, patch),
    setBanned: (id, banned) => call('POST', `/v1/users/${encodeURIComponent(id)}/${banned ? 'ban' : 'unban'}`),
    listActiveSessions: async (userId) => {
      const search = new URLSearchParams({ user_id: userId, status: 'active', paginated: 'true', limit: '100' })
      const json = await call<BackendSessionJSON[] | { data: BackendSessionJSON[] }>('GET', `/v1/sessions?${search}`)
      // Clerk answers `{data, total_count}` when paginated=true, a bare array otherwise.
      return Array.isArray(json) ? json : json.data
    },
    revokeSession: (id) => call('POST', `/v1/sessions/${encodeURIComponent(id)}/revoke`),
    getSigningKeys: () => call('GET', '/v1/signing_keys'),
    rotateSigningKey: () => call('POST', '/v1/signing_keys/rotate', {}),
    listWebhookEndpoints: async () => (await call<{ data: WebhookEndpointJSON[] }>('GET', '/v1/webhook_endpoints')).data,
    createWebhookEndpoint: (input) => call('POST', '/v1/webhook_endpoints', input),
    setWebhookEndpointDisabled: (id, disabled) => call('PATCH', `/v1/webhook_endpoints/${encodeURIComponent(id)}`, { disabled }),
    deleteWebhookEndpoint: async (id) => {
      await call('DELETE', `/v1/webhook_endpoints/${encodeURIComponent(id)}`)
    },
    rotateWebhookSecret: (id) => call('POST', `/v1/webhook_endpoints/${encodeURIComponent(id)}/rotate_secret`, {}),
    listWebhookDeliveries: (id, limit) => call('GET', `/v1/webhook_endpoints/${encodeURIComponent(id)}/deliveries?limit=${limit}`),
    resendWebhookDelivery: (id, deliveryId) =>
      call('POST', `/v1/webhook_endpoints/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/resend`, {}),
  }
}

/** The text to show for a failed call: the server's sentence, else the catalog's fallback. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof UserkitApiError) return error.errors[0]?.longMessage || error.errors[0]?.message || fallback
  return fallback
}

/** Field errors by `meta.param_name` (one of `known`; `email_address[1]` counts as `email_address`), the rest for a banner. */
export function fieldErrors(
  error: unknown,
  known: readonly string[],
  fallback: string,
): { fields: Record<string, string>; banner: string | null } {
  if (!(error instanceof UserkitApiError)) return { fields: {}, banner: error ? fallback : null }
  const fields: Record<string, string> = {}
  const rest: string[] = []
  for (const item of error.errors) {
    const text = item.longMessage || item.message || fallback
    const param = item.meta.paramName?.replace(/[.[].*$/, '')
    if (param && known.includes(param) && !fields[param]) fields[param] = text
    else if (!rest.includes(text)) rest.push(text)
  }
  return { fields, banner: rest.length ? rest.join(' ') : null }
}
