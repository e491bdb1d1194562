import * as oauth from 'oauth4webapi'
import { type ErrorCode, OAUTH_CALLBACK_PATH, OAUTH_ERROR_PARAM } from '../../src/wire/index.ts'
import type { DomainContext } from '../domain.ts'
import { ApiError, formatInvalid, notFound } from '../errors.ts'
import { newId, sha256Hex } from '../ids.ts'
import type { SettingsRepo } from '../storage/settings.ts'
import type { ExternalAccountRecord } from '../storage/external-accounts.ts'
import type { sessionsDomain } from '../sessions/index.ts'
import { type externalAccountsDomain, OAuthOutcomeError } from '../users/external-accounts.ts'
import { allowedRedirect } from '../verification/redirect.ts'
import { type ResolvedProvider, resolveProviders } from './config.ts'
import { generateEncryptionKey, type TokenCipher, tokenCipher } from './crypto.ts'
import { OAuthFlow, OAuthFlowError } from './flow.ts'

const DEFAULT_STATE_LIFETIME = 10 * 60_000
// RFC 6749 §3.3 scope-token characters.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,128}$/

/** A started connection: the account as it will be, and where the browser goes to consent. */
export interface StartedConnection {
  account: ExternalAccountRecord
  url: string
  expireAt: number
}

/** What starting a connection needs from the request. */
export interface ConnectRequest {
  clientId: string
  userId: string
  /** `additional_scope`: a list, or one string separated by spaces or commas. */
  additionalScope: string | readonly string[] | undefined
  redirectUrl: string
  /** The origin the browser used: the callback is registered there. */
  origin: string
}

/**
 * The token cipher: `USERKIT_ENCRYPTION_KEY` when given; in development a key generated once and
 * kept in the settings table (so restarts and other instances decrypt alike); in production none.
 */
function cipherLoader(settings: SettingsRepo, env: 'development' | 'production', key: string | undefined): () => Promise<TokenCipher> {
  let cipher: Promise<TokenCipher> | undefined
  return () => {
    cipher ??= (async () => {
      if (key) return tokenCipher(key)
      if (env === 'production') throw new TypeError('userkit: set USERKIT_ENCRYPTION_KEY to connect OAuth accounts in production.')
      return tokenCipher(await settings.getOrInit('oauth_encryption_key', generateEncryptionKey()))
    })()
    cipher.catch(() => (cipher = undefined))
    return cipher
  }
}

/** `additional_scope` as a list of scope tokens; 422 for one that is not a scope. */
function scopeList(value: ConnectRequest['additionalScope']): string[] {
  const list = typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [...(value ?? [])]
  const bad = list.find((scope) => !SCOPE_TOKEN.test(scope))
  if (bad !== undefined) throw formatInvalid('additional_scope', `additional_scope has an invalid scope: ${JSON.stringify(bad.slice(0, 64))}.`)
  return list
}

/**
 * Connecting OAuth accounts: starting the code flow (a single-use, expiring state in the database)
 * and completing it at the callback, which may only finish in the browser and session that started it.
 */
export function oauthDomain(
  ctx: DomainContext,
  deps: { sessions: ReturnType<typeof sessionsDomain>; externalAccounts: ReturnType<typeof externalAccountsDomain> },
) {
  const { store, options } = ctx
  const { now, env, allowedOrigins } = options
  const providers = resolveProviders(options.oauth.providers)
  const flow = new OAuthFlow(now)
  const cipher = cipherLoader(store.settings, env, options.oauth.encryptionKey)
  const lifetime = options.oauth.stateLifetimeMs ?? DEFAULT_STATE_LIFETIME

  /** The redirect_url, absolute, on the server's own origin or an allowed one: never an open redirect. */
  function checkRedirectUrl(value: string, origin: string): string {
    const url = allowedRedirect(value, origin, allowedOrigins)
    if (!url) throw formatInvalid('redirect_url', 'redirect_url must be on this site or on an allowed origin.', 'is not allowed')
    return url
  }

  async function start(provider: ResolvedProvider, request: ConnectRequest, account: ExternalAccountRecord, reauthorize: boolean, scopes: string[]) {
    const state = oauth.generateRandomState()
    const codeVerifier = oauth.generateRandomCodeVerifier()
    const nonce = flow.usesNonce(provider) ? oauth.generateRandomNonce() : null
    const redirectUri = request.origin + OAUTH_CALLBACK_PATH
    const all = [...new Set([...provider.scopes, ...scopes])]
    let url: string
    try {
      url = await flow.authorizationUrl(provider, { redirectUri, state, codeVerifier, nonce, scopes: all })
    } catch {
      throw new ApiError(502, 'oauth_provider_unavailable', 'The provider is unavailable', {
        longMessage: `${provider.name} could not be reached. Try again later.`,
      })
    }
    const expireAt = now() + lifetime
    await store.oauthStates.purgeExpired()
    await store.oauthStates.save(sha256Hex(state), {
      clientId: request.clientId,
      userId: request.userId,
      provider: provider.key,
      externalAccountId: account.id,
      reauthorize,
      codeVerifier: await (await cipher()).encrypt(codeVerifier),
      nonce,
      scopes: all.join(' '),
      redirectUri,
      redirectUrl: request.redirectUrl,
      expireAt,
    })
    return { account, url, expireAt }
  }

  return {
    /** The configured providers, as `/v1/environment` lists them. */
    providers: [...providers.values()],

    /** Starts connecting a new account with `oauth_<key>`: nothing is stored as an account until the callback. */
    async connect(strategy: string, request: ConnectRequest): Promise<StartedConnection> {
      const provider = strategy.startsWith('oauth_') ? providers.get(strategy.slice('oauth_'.length)) : undefined
      if (!provider) {
        const known = [...providers.keys()].map((k) => `oauth_${k}`).join(', ') || '(no providers configured)'
        throw formatInvalid('strategy', `strategy must be one of: ${known}.`)
      }
      const scopes = scopeList(request.additionalScope)
      const redirectUrl = checkRedirectUrl(request.redirectUrl, request.origin)
      const t = now()
      const draft: ExternalAccountRecord = {
        id: newId('eac'), userId: request.userId, provider: provider.key, providerUserId: '', identificationId: null,
        ownedIdentification: false, emailAddress: '', emailAddressVerified: null, firstName: null, lastName: null,
        username: null, imageUrl: null, approvedScopes: '', verificationError: null, createdAt: t, updatedAt: t,
      }
      return start(provider, { ...request, redirectUrl }, draft, false, scopes)
    },

    /** Asks the provider again for one of the user's accounts, with its scopes and any added ones. */
    async reauthorize(accountId: string, request: ConnectRequest): Promise<StartedConnection> {
      const account = await store.externalAccounts.getForUser(request.userId, accountId)
      if (!account) throw notFound('external account')
      const provider = providers.get(account.provider)
      if (!provider) {
        throw new ApiError(422, 'oauth_provider_not_configured', 'Provider not configured', {
          longMessage: 'This account’s provider is no longer configured on this server.',
        })
      }
      const scopes = [...account.approvedScopes.split(' ').filter(Boolean), ...scopeList(request.additionalScope)]
      const redirectUrl = checkRedirectUrl(request.redirectUrl, request.origin)
      return start(provider, { ...request, redirectUrl }, account, true, scopes)
    },

    /**
     * The provider's callback: answers where to send the browser, the `redirect_url` of the flow
     * with `userkit_oauth_error=<code>` when it failed. Without a known state there is no trusted
     * place to send it: 400 `oauth_state_invalid`.
     */
    async complete(input: { state: string | undefined; callbackUrl: URL; token: string | undefined }): Promise<string> {
      const { state } = input
      const stored = state && state.length <= 512 ? await store.oauthStates.take(sha256Hex(state)) : null
      if (!state || !stored) {
        throw new ApiError(400, 'oauth_state_invalid', 'Invalid or used state', {
          longMessage: 'This sign-in link is invalid or was already used. Start connecting the account again.',
        })
      }
      const back = (code: ErrorCode | null) => {
        const url = new URL(stored.redirectUrl)
        url.searchParams.delete(OAUTH_ERROR_PARAM)
        if (code) url.searchParams.set(OAUTH_ERROR_PARAM, code)
        return url.href
      }
      if (stored.expireAt <= now()) return back('oauth_state_expired')
      // The flow must end in the browser (client) and session that started it: a link someone else
      // started cannot attach an account to the wrong user.
      const client = await deps.sessions.clientOf(input.token)
      const signedIn = client?.id === stored.clientId ? await deps.sessions.signedIn(input.token) : null
      if (!signedIn || signedIn.user.id !== stored.userId) return back('oauth_state_invalid')
      const provider = providers.get(stored.provider)
      if (!provider) return back('oauth_provider_error')
      try {
        const key = await cipher()
        const grant = await flow.complete(provider, {
          callbackUrl: input.callbackUrl,
          state,
          redirectUri: stored.redirectUri,
          codeVerifier: await key.decrypt(stored.codeVerifier),
          nonce: stored.nonce,
          scopes: stored.scopes.split(' '),
        })
        await deps.externalAccounts.link({
          userId: stored.userId,
          provider: provider.key,
          externalAccountId: stored.externalAccountId,
          reauthorize: stored.reauthorize,
          grant,
          cipher: key,
        })
      } catch (error) {
        if (error instanceof OAuthFlowError || error instanceof OAuthOutcomeError) return back(error.code)
        throw error
      }
      return back(null)
    },
  }
}
