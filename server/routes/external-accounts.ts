import type { Context, Hono } from 'hono'
import * as oauth from 'oauth4webapi'
import { z } from 'zod'
import { OAUTH_ERROR_PARAM } from '../../src/api/oauth.ts'
import { envelope, findClient, requireSignedIn } from '../auth/session.ts'
import type { ServerDeps } from '../context.ts'
import type { ResolvedOptions } from '../options.ts'
import { ApiError, notFound } from '../errors.ts'
import { requestOrigin } from '../http.ts'
import { sha256Hex } from '../ids.ts'
import { type ResolvedProvider, resolveProviders } from '../oauth/config.ts'
import { OAuthFlow, OAuthFlowError } from '../oauth/flow.ts'
import { externalAccountJSON, pendingExternalAccountJSON } from '../oauth/serialize.ts'
import { cipherLoader, linkAccount, newExternalAccountId, OAuthOutcomeError, unlinkAccount } from '../oauth/service.ts'
import { normalizeOrigin } from '../options.ts'
import { externalAccountsRepo } from '../storage/external-accounts.ts'
import { readJson } from '../validate.ts'

/** Where providers send the browser back; registered with each provider as `<origin>/v1/oauth_callback`. */
export const OAUTH_CALLBACK_PATH = '/v1/oauth_callback'

const DEFAULT_STATE_LIFETIME = 10 * 60_000
// RFC 6749 §3.3 scope-token characters.
const ScopeToken = z.string().min(1).max(128).regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/)
const Scopes = z.union([z.string().max(2048), z.array(ScopeToken).max(32)])
const RedirectUrl = z.string().min(1).max(2048)

const ConnectBody = z.strictObject({
  strategy: z.string().max(64),
  redirect_url: RedirectUrl,
  additional_scope: Scopes.optional(),
})
const ReauthorizeBody = z.strictObject({ redirect_url: RedirectUrl, additional_scope: Scopes.optional() })

/** `additional_scope` as a list: an array, or a string separated by spaces or commas. */
function scopeList(value: string | string[] | undefined): string[] {
  const list = typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : (value ?? [])
  for (const scope of list) {
    if (!ScopeToken.safeParse(scope).success) {
      throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
        longMessage: `additional_scope has an invalid scope: ${JSON.stringify(scope.slice(0, 64))}.`,
        param: 'additional_scope',
      })
    }
  }
  return list
}

/**
 * Refuses a production configuration that would leak: an `http:` provider, or providers with no
 * token encryption key. Runs before the database is touched, so a refused start leaves nothing open.
 */
export function assertProductionOAuth(options: Pick<ResolvedOptions, 'env' | 'oauth'>): void {
  if (options.env !== 'production') return
  const providers = resolveProviders(options.oauth.providers)
  for (const p of providers.values()) {
    if (p.allowInsecureRequests) throw new TypeError(`userkit: OAuth provider "${p.key}" allows http: requests, which production forbids.`)
  }
  if (providers.size > 0 && !options.oauth.encryptionKey) {
    throw new TypeError('userkit: set USERKIT_ENCRYPTION_KEY (32 random bytes, base64url) to encrypt OAuth tokens in production.')
  }
}

/** Connected accounts: `POST /v1/me/external_accounts`, `PATCH …/{id}/reauthorize`, `DELETE …/{id}` and the callback. */
export function externalAccountRoutes(app: Hono, deps: ServerDeps): void {
  const { env, now, allowedOrigins } = deps.options
  const providers = resolveProviders(deps.options.oauth.providers)
  const flow = new OAuthFlow(now)
  const cipher = cipherLoader(deps.store.settings, env, deps.options.oauth.encryptionKey)
  const accounts = externalAccountsRepo(deps.store.db, now)
  const lifetime = deps.options.oauth.stateLifetimeMs ?? DEFAULT_STATE_LIFETIME

  const providerOf = (strategy: string): ResolvedProvider => {
    const provider = strategy.startsWith('oauth_') ? providers.get(strategy.slice('oauth_'.length)) : undefined
    if (!provider) {
      throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
        longMessage: `strategy must be one of: ${[...providers.keys()].map((k) => `oauth_${k}`).join(', ') || '(no providers configured)'}.`,
        param: 'strategy',
      })
    }
    return provider
  }

  /** The redirect_url, absolute, on the server's own origin or an allowed one: never an open redirect. */
  const checkRedirectUrl = (c: Context, value: string): string => {
    const own = requestOrigin(c.req.raw)
    let url: URL | null = null
    try {
      url = new URL(value, own)
    } catch {
      // reported below
    }
    const origin = url ? normalizeOrigin(url.href) : null
    if (!url || !origin || (origin !== own && !allowedOrigins.has(origin))) {
      throw new ApiError(422, 'form_param_format_invalid', 'is not allowed', {
        longMessage: 'redirect_url must be on this site or on an allowed origin.',
        param: 'redirect_url',
      })
    }
    return url.href
  }

  /** Starts a flow: stores the single-use state and answers the account with the provider URL. */
  async function start(
    c: Context,
    input: { provider: ResolvedProvider; clientId: string; userId: string; accountId: string; reauthorize: boolean; scopes: string[]; redirectUrl: string },
  ) {
    const { provider } = input
    const state = oauth.generateRandomState()
    const codeVerifier = oauth.generateRandomCodeVerifier()
    const nonce = flow.usesNonce(provider) ? oauth.generateRandomNonce() : null
    const redirectUri = requestOrigin(c.req.raw) + OAUTH_CALLBACK_PATH
    const scopes = [...new Set([...provider.scopes, ...input.scopes])]
    let url: string
    try {
      url = await flow.authorizationUrl(provider, { redirectUri, state, codeVerifier, nonce, scopes })
    } catch {
      throw new ApiError(502, 'oauth_provider_unavailable', 'The provider is unavailable', {
        longMessage: `${provider.name} could not be reached. Try again later.`,
      })
    }
    const expireAt = now() + lifetime
    await accounts.purgeExpiredStates()
    await accounts.saveState(await sha256Hex(state), {
      clientId: input.clientId,
      userId: input.userId,
      provider: provider.key,
      externalAccountId: input.accountId,
      reauthorize: input.reauthorize,
      codeVerifier: await (await cipher()).encrypt(codeVerifier),
      nonce,
      scopes: scopes.join(' '),
      redirectUri,
      redirectUrl: input.redirectUrl,
      expireAt,
    })
    return { url, expireAt }
  }

  app.post('/v1/me/external_accounts', async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const body = await readJson(c, ConnectBody)
    const provider = providerOf(body.strategy)
    const scopes = scopeList(body.additional_scope)
    const redirectUrl = checkRedirectUrl(c, body.redirect_url)
    const id = newExternalAccountId()
    const { url, expireAt } = await start(c, { provider, clientId: client.id, userId: user.id, accountId: id, reauthorize: false, scopes, redirectUrl })
    const t = now()
    const draft = externalAccountJSON({
      id, userId: user.id, provider: provider.key, providerUserId: '', identificationId: null, ownedIdentification: false,
      emailAddress: '', emailAddressVerified: null, firstName: null, lastName: null, username: null, imageUrl: null,
      approvedScopes: '', verificationError: null, createdAt: t, updatedAt: t,
    })
    return envelope(c, deps, pendingExternalAccountJSON(draft, url, expireAt), client.id)
  })

  app.patch('/v1/me/external_accounts/:id/reauthorize', async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const account = await accounts.getForUser(user.id, c.req.param('id'))
    if (!account) throw notFound('external account')
    const body = await readJson(c, ReauthorizeBody)
    const provider = providers.get(account.provider)
    if (!provider) {
      throw new ApiError(422, 'oauth_provider_not_configured', 'Provider not configured', {
        longMessage: 'This account’s provider is no longer configured on this server.',
      })
    }
    const scopes = [...account.approvedScopes.split(' ').filter(Boolean), ...scopeList(body.additional_scope)]
    const redirectUrl = checkRedirectUrl(c, body.redirect_url)
    const { url, expireAt } = await start(c, { provider, clientId: client.id, userId: user.id, accountId: account.id, reauthorize: true, scopes, redirectUrl })
    return envelope(c, deps, pendingExternalAccountJSON(externalAccountJSON(account), url, expireAt), client.id)
  })

  app.delete('/v1/me/external_accounts/:id', async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const account = await accounts.getForUser(user.id, c.req.param('id'))
    if (!account) throw notFound('external account')
    await unlinkAccount(deps.store.db, now, account)
    return envelope(c, deps, { object: 'external_account', id: account.id, deleted: true }, client.id)
  })

  app.get(OAUTH_CALLBACK_PATH, async (c) => {
    const state = c.req.query('state')
    const stored = state && state.length <= 512 ? await accounts.takeState(await sha256Hex(state)) : null
    // Without a known state there is no trusted place to send the browser: answer here.
    if (!state || !stored) {
      throw new ApiError(400, 'oauth_state_invalid', 'Invalid or used state', {
        longMessage: 'This sign-in link is invalid or was already used. Start connecting the account again.',
      })
    }
    const back = (code: string | null) => {
      const url = new URL(stored.redirectUrl)
      url.searchParams.delete(OAUTH_ERROR_PARAM)
      if (code) url.searchParams.set(OAUTH_ERROR_PARAM, code)
      return c.redirect(url.href, 303)
    }
    if (stored.expireAt <= now()) return back('oauth_state_expired')
    // The flow must end in the browser (client) and session that started it: a link someone else
    // started cannot attach an account to the wrong user.
    const current = await findClient(c, deps)
    const signedIn = current?.id === stored.clientId ? await requireSignedIn(c, deps).catch(() => null) : null
    if (!signedIn || signedIn.user.id !== stored.userId) return back('oauth_state_invalid')
    const provider = providers.get(stored.provider)
    if (!provider) return back('oauth_provider_error')
    try {
      const key = await cipher()
      const grant = await flow.complete(provider, {
        callbackUrl: new URL(c.req.url),
        state,
        redirectUri: stored.redirectUri,
        codeVerifier: await key.decrypt(stored.codeVerifier),
        nonce: stored.nonce,
        scopes: stored.scopes.split(' '),
      })
      await linkAccount(deps.store.db, now, {
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
  })
}

/** The configured providers as `/v1/environment` lists them. */
export function oauthProvidersJSON(deps: ServerDeps) {
  return [...resolveProviders(deps.options.oauth.providers).values()].map((p) => ({ strategy: `oauth_${p.key}`, key: p.key, name: p.name }))
}
