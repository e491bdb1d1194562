import { parseDeleted, parseExternalAccount } from './parse.ts'
import type { DeletedObject, ExternalAccount, Result } from './types.ts'
import type { DeletedObjectJSON, ExternalAccountJSON } from '../wire/index.ts'

export { OAUTH_ERROR_PARAM } from '../wire/index.ts'

export interface ConnectExternalAccountParams {
  /** `oauth_<provider key>`, as listed by the environment's `oauthProviders`: `oauth_github`, `oauth_dev_oidc`. */
  strategy: string
  /**
   * Where the browser lands after the provider, on this site or an allowed origin. A failed
   * connection adds `?userkit_oauth_error=<code>` (`OAUTH_ERROR_PARAM`).
   */
  redirectUrl: string
  /** Scopes to ask for besides the provider's configured ones. Default none. */
  additionalScopes?: readonly string[]
}

export interface ReauthorizeExternalAccountParams {
  /** The account to reauthorize (`eac_…`). */
  id: string
  /** As in `ConnectExternalAccountParams`. */
  redirectUrl: string
  /** Scopes to add to the approved ones. Default none. */
  additionalScopes?: readonly string[]
}

/**
 * The signed-in user's connected accounts (`/v1/me/external_accounts`). Connecting and
 * reauthorizing answer the account with `verification.externalVerificationRedirectUrl`: send the
 * browser there; the provider sends it back to the server, which then sends it to `redirectUrl`.
 */
export interface ExternalAccountCalls {
  /** Starts connecting a provider account (`POST /v1/me/external_accounts`). */
  createExternalAccount(params: ConnectExternalAccountParams): Promise<Result<ExternalAccount>>
  /** Asks the provider again, for more scopes or fresh tokens (`PATCH …/{id}/reauthorize`). */
  reauthorizeExternalAccount(params: ReauthorizeExternalAccountParams): Promise<Result<ExternalAccount>>
  /** Disconnects an account (`DELETE …/{id}`); a 422 `form_identification_needed` when it brought the only verified email. */
  removeExternalAccount(id: string): Promise<Result<DeletedObject>>
}

/** Sends one Frontend API request and parses its `{ response, client }` envelope. */
type SendEnvelope = <W, T>(parse: (json: W) => T, method: string, path: string, body?: object) => Promise<Result<T>>

/** The external-account calls over a client's envelope sender; merged into `createUserkitClient()`. */
export function externalAccountCalls(send: SendEnvelope): ExternalAccountCalls {
  const base = '/v1/me/external_accounts'
  const account = (method: string, path: string, body: object) =>
    send<ExternalAccountJSON, ExternalAccount>(parseExternalAccount, method, path, body)
  const scopes = (list: readonly string[] | undefined) => (list && list.length > 0 ? { additional_scope: [...list] } : {})
  return {
    createExternalAccount: ({ strategy, redirectUrl, additionalScopes }) =>
      account('POST', base, { strategy, redirect_url: redirectUrl, ...scopes(additionalScopes) }),
    reauthorizeExternalAccount: ({ id, redirectUrl, additionalScopes }) =>
      account('PATCH', `${base}/${encodeURIComponent(id)}/reauthorize`, { redirect_url: redirectUrl, ...scopes(additionalScopes) }),
    removeExternalAccount: (id) => send<DeletedObjectJSON, DeletedObject>(parseDeleted, 'DELETE', `${base}/${encodeURIComponent(id)}`),
  }
}
