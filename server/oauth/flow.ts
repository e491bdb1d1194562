import * as oauth from 'oauth4webapi'
import type { ErrorCode } from '../../src/wire/index.ts'
import type { ResolvedProvider } from './config.ts'

/** What userkit keeps of a provider's user. */
export interface ProviderProfile {
  id: string
  email: string | null
  emailVerified: boolean | null
  firstName: string | null
  lastName: string | null
  username: string | null
  imageUrl: string | null
}

/** The outcome of a completed authorization code grant. */
export interface CompletedGrant {
  profile: ProviderProfile
  /** What the provider granted (its `scope` answer), else what was asked for. */
  scopes: string[]
  accessToken: string
  refreshToken: string | null
  /** Unix ms, when the provider said. */
  expiresAt: number | null
}

/** A flow failure with the code the kit shows (`oauth_access_denied`, `oauth_provider_error`). */
export class OAuthFlowError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'oauth_access_denied' | 'oauth_provider_error'>,
    message: string,
  ) {
    super(message)
    this.name = 'OAuthFlowError'
  }
}

/** Splits a `scope` value: space-separated per RFC 6749, comma-separated as GitHub answers. */
export const splitScopes = (value: string | null | undefined): string[] => [...new Set((value ?? '').split(/[\s,]+/).filter(Boolean))]

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null)

/**
 * The authorization code flow with PKCE, state and (for OpenID Connect) nonce, on oauth4webapi.
 * One instance per server; discovery documents are fetched once per provider, and again after a failure.
 */
export class OAuthFlow {
  private readonly servers = new Map<string, Promise<oauth.AuthorizationServer>>()

  constructor(private readonly now: () => number) {}

  private options(provider: ResolvedProvider) {
    // Only the local development provider runs on http:; oauth4webapi refuses it otherwise.
    return { [oauth.allowInsecureRequests]: provider.allowInsecureRequests === true }
  }

  private isOidc(provider: ResolvedProvider): boolean {
    return Boolean(provider.issuer) && provider.scopes.includes('openid')
  }

  /** The provider's metadata: discovered from its issuer, or built from configured endpoints. */
  authorizationServer(provider: ResolvedProvider): Promise<oauth.AuthorizationServer> {
    let server = this.servers.get(provider.key)
    if (!server) {
      server = this.discover(provider)
      this.servers.set(provider.key, server)
      server.catch(() => this.servers.delete(provider.key))
    }
    return server
  }

  private async discover(provider: ResolvedProvider): Promise<oauth.AuthorizationServer> {
    if (!provider.issuer) {
      return {
        issuer: new URL(provider.authorizationEndpoint as string).origin,
        authorization_endpoint: provider.authorizationEndpoint,
        token_endpoint: provider.tokenEndpoint,
        userinfo_endpoint: provider.userinfoEndpoint,
      }
    }
    const issuer = new URL(provider.issuer)
    const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...this.options(provider) })
    return oauth.processDiscoveryResponse(issuer, response)
  }

  /** Where the browser goes to consent. */
  async authorizationUrl(
    provider: ResolvedProvider,
    request: { redirectUri: string; state: string; codeVerifier: string; nonce: string | null; scopes: readonly string[] },
  ): Promise<string> {
    const as = await this.authorizationServer(provider)
    if (!as.authorization_endpoint) throw new OAuthFlowError('oauth_provider_error', 'The provider has no authorization endpoint.')
    const url = new URL(as.authorization_endpoint)
    url.searchParams.set('response_type', 'code')
    url.searchParams.set('client_id', provider.clientId)
    url.searchParams.set('redirect_uri', request.redirectUri)
    url.searchParams.set('scope', request.scopes.join(' '))
    url.searchParams.set('state', request.state)
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(request.codeVerifier))
    url.searchParams.set('code_challenge_method', 'S256')
    if (request.nonce) url.searchParams.set('nonce', request.nonce)
    return url.href
  }

  /** Whether this provider's flow carries a nonce (OpenID Connect). */
  usesNonce(provider: ResolvedProvider): boolean {
    return this.isOidc(provider)
  }

  /** Validates the callback, exchanges the code and reads the user's profile. */
  async complete(
    provider: ResolvedProvider,
    request: { callbackUrl: URL; state: string; redirectUri: string; codeVerifier: string; nonce: string | null; scopes: readonly string[] },
  ): Promise<CompletedGrant> {
    const as = await this.authorizationServer(provider)
    const client: oauth.Client = { client_id: provider.clientId }
    const auth = provider.clientSecret ? oauth.ClientSecretPost(provider.clientSecret) : oauth.None()
    const options = this.options(provider)
    let params: URLSearchParams
    try {
      params = oauth.validateAuthResponse(as, client, request.callbackUrl, request.state)
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError && error.error === 'access_denied') {
        throw new OAuthFlowError('oauth_access_denied', error.error_description ?? 'Access was denied.')
      }
      throw new OAuthFlowError('oauth_provider_error', error instanceof Error ? error.message : 'Invalid authorization response.')
    }
    try {
      const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, request.redirectUri, request.codeVerifier, options)
      const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
        expectedNonce: request.nonce ?? oauth.expectNoNonce,
        requireIdToken: this.isOidc(provider),
      })
      const profile = this.isOidc(provider)
        ? await this.oidcProfile(as, client, result, options)
        : await this.githubLikeProfile(provider, result.access_token, options)
      const granted = splitScopes(result.scope)
      return {
        profile,
        scopes: granted.length > 0 ? granted : [...request.scopes],
        accessToken: result.access_token,
        refreshToken: result.refresh_token ?? null,
        expiresAt: typeof result.expires_in === 'number' ? this.now() + result.expires_in * 1000 : null,
      }
    } catch (error) {
      if (error instanceof OAuthFlowError) throw error
      throw new OAuthFlowError('oauth_provider_error', error instanceof Error ? error.message : 'The provider refused the code.')
    }
  }

  private async oidcProfile(
    as: oauth.AuthorizationServer,
    client: oauth.Client,
    result: oauth.TokenEndpointResponse,
    options: ReturnType<OAuthFlow['options']>,
  ): Promise<ProviderProfile> {
    const claims: Record<string, unknown> = { ...oauth.getValidatedIdTokenClaims(result) }
    const sub = claims.sub as string
    if (as.userinfo_endpoint) {
      const response = await oauth.userInfoRequest(as, client, result.access_token, options)
      Object.assign(claims, await oauth.processUserInfoResponse(as, client, sub, response))
    }
    return {
      id: sub,
      email: str(claims.email),
      emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
      firstName: str(claims.given_name) ?? str(claims.name),
      lastName: str(claims.family_name),
      username: str(claims.preferred_username) ?? str(claims.nickname),
      imageUrl: str(claims.picture),
    }
  }

  /** Plain OAuth 2.0 (GitHub's API shape): the user endpoint, then the primary verified email. */
  private async githubLikeProfile(
    provider: ResolvedProvider,
    accessToken: string,
    options: ReturnType<OAuthFlow['options']>,
  ): Promise<ProviderProfile> {
    if (!provider.userinfoEndpoint) throw new OAuthFlowError('oauth_provider_error', 'The provider has no user endpoint.')
    const get = async (url: string) => {
      const response = await oauth.protectedResourceRequest(accessToken, 'GET', new URL(url), new Headers({ accept: 'application/json' }), null, options)
      if (!response.ok) throw new OAuthFlowError('oauth_provider_error', `The provider answered ${response.status}.`)
      return response.json() as Promise<any>
    }
    const user = await get(provider.userinfoEndpoint)
    const id = user?.id ?? user?.sub
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
      throw new OAuthFlowError('oauth_provider_error', 'The provider answered no user id.')
    }
    let email = str(user.email)
    // GitHub's /user email is the public profile email, not known to be verified.
    let verified: boolean | null = null
    if (provider.key === 'github') {
      const emails = (await get(new URL('/user/emails', provider.userinfoEndpoint).href).catch(() => [])) as any[]
      const primary = Array.isArray(emails) ? emails.find((e) => e?.primary) : undefined
      if (primary) {
        email = str(primary.email)
        verified = primary.verified === true
      }
    }
    const [first, ...rest] = (str(user.name) ?? '').split(' ')
    return {
      id: String(id),
      email,
      emailVerified: verified,
      firstName: first || null,
      lastName: rest.join(' ') || null,
      username: str(user.login) ?? str(user.username),
      imageUrl: str(user.avatar_url) ?? str(user.picture),
    }
  }
}
