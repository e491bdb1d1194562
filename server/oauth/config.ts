/**
 * OAuth providers: what the operator configures, the presets for GitHub and Google, and the
 * environment variables the CLI reads. Web-standard code only (it runs inside a browser page too).
 */

/** One OAuth 2.0 / OpenID Connect provider. A provider with key `k` is the strategy `oauth_k`. */
export interface OAuthProviderConfig {
  /** Lowercase letters, digits and `_`: `github`, `google`, `dev_oidc`. */
  key: string
  /** Shown by the kit. Default: the preset's name, else the key. */
  name?: string
  clientId: string
  /** Omit for a public client (PKCE only). */
  clientSecret?: string
  /** Scopes asked for on every connection. Default: the preset's, else `openid email profile`. */
  scopes?: readonly string[]
  /** An OpenID Connect issuer: endpoints come from its discovery document. */
  issuer?: string
  /** Plain OAuth 2.0 endpoints, when there is no issuer (GitHub's preset fills them). */
  authorizationEndpoint?: string
  tokenEndpoint?: string
  userinfoEndpoint?: string
  /** Allows an `http:` issuer (the local development provider). Never set it in production. */
  allowInsecureRequests?: boolean
}

/** OAuth options of `createUserkitServer`. */
export interface OAuthOptions {
  /** The providers users may connect. Default none. */
  providers?: readonly OAuthProviderConfig[]
  /**
   * 32 random bytes as base64url (or base64) that encrypt provider tokens at rest. Required in
   * production when providers are configured; generated and kept in the database in development.
   */
  encryptionKey?: string
  /** How long a started connection may take, in ms. Default 10 minutes. */
  stateLifetimeMs?: number
}

/** What a preset fills in when the operator gives only a key and credentials. */
type Preset = Omit<OAuthProviderConfig, 'key' | 'clientId' | 'clientSecret'> & { name: string; scopes: readonly string[] }

/** The built-in presets. GitHub is plain OAuth 2.0 (no OIDC); Google is discovered from its issuer. */
export const OAUTH_PRESETS: Readonly<Record<string, Preset>> = {
  github: {
    name: 'GitHub',
    scopes: ['read:user', 'user:email'],
    authorizationEndpoint: 'https://github.com/login/oauth/authorize',
    tokenEndpoint: 'https://github.com/login/oauth/access_token',
    userinfoEndpoint: 'https://api.github.com/user',
  },
  google: { name: 'Google', scopes: ['openid', 'email', 'profile'], issuer: 'https://accounts.google.com' },
}

/** A provider with its preset applied and every field decided. */
export interface ResolvedProvider extends OAuthProviderConfig {
  name: string
  scopes: readonly string[]
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/

/** Applies presets and checks the configuration; throws a `TypeError` that names the mistake. */
export function resolveProviders(configs: readonly OAuthProviderConfig[] = []): Map<string, ResolvedProvider> {
  const out = new Map<string, ResolvedProvider>()
  for (const config of configs) {
    if (!KEY.test(config.key)) throw new TypeError(`userkit: OAuth provider key "${config.key}" must match ${KEY}.`)
    if (out.has(config.key)) throw new TypeError(`userkit: OAuth provider "${config.key}" is configured twice.`)
    if (!config.clientId) throw new TypeError(`userkit: OAuth provider "${config.key}" needs a clientId.`)
    const preset = OAUTH_PRESETS[config.key]
    const resolved: ResolvedProvider = {
      ...preset,
      ...config,
      name: config.name ?? preset?.name ?? config.key,
      scopes: config.scopes ?? preset?.scopes ?? ['openid', 'email', 'profile'],
    }
    // An OpenID Connect provider answers an ID token (and so the user's id) only under `openid`.
    if (resolved.issuer && !resolved.scopes.includes('openid')) resolved.scopes = ['openid', ...resolved.scopes]
    if (!resolved.issuer && !(resolved.authorizationEndpoint && resolved.tokenEndpoint)) {
      throw new TypeError(`userkit: OAuth provider "${config.key}" needs an issuer or authorization and token endpoints.`)
    }
    out.set(config.key, resolved)
  }
  return out
}

/**
 * Providers from environment variables: for each `USERKIT_OAUTH_<KEY>_CLIENT_ID`, the provider
 * `<key>` with `_CLIENT_SECRET`, `_ISSUER` (OIDC discovery), `_SCOPES` (space-separated) and `_NAME`.
 * `github` and `google` need only the client id and secret.
 */
export function oauthProvidersFromEnv(env: Readonly<Record<string, string | undefined>>): OAuthProviderConfig[] {
  const out: OAuthProviderConfig[] = []
  for (const [name, value] of Object.entries(env)) {
    const match = /^USERKIT_OAUTH_([A-Z0-9_]+)_CLIENT_ID$/.exec(name)
    if (!match || !value) continue
    const prefix = `USERKIT_OAUTH_${match[1]}_`
    const config: OAuthProviderConfig = { key: (match[1] as string).toLowerCase(), clientId: value }
    const secret = env[`${prefix}CLIENT_SECRET`]
    const issuer = env[`${prefix}ISSUER`]
    const scopes = env[`${prefix}SCOPES`]
    const label = env[`${prefix}NAME`]
    if (secret) config.clientSecret = secret
    if (issuer) config.issuer = issuer
    if (scopes) config.scopes = scopes.split(/[\s,]+/).filter(Boolean)
    if (label) config.name = label
    out.push(config)
  }
  return out
}

/**
 * Refuses a production configuration that would leak: an `http:` provider, or providers with no
 * token encryption key. Runs before the database is touched, so a refused start leaves nothing open.
 */
export function assertProductionOAuth(env: 'development' | 'production', options: OAuthOptions): void {
  if (env !== 'production') return
  const providers = resolveProviders(options.providers)
  for (const p of providers.values()) {
    if (p.allowInsecureRequests) throw new TypeError(`userkit: OAuth provider "${p.key}" allows http: requests, which production forbids.`)
  }
  if (providers.size > 0 && !options.encryptionKey) {
    throw new TypeError('userkit: set USERKIT_ENCRYPTION_KEY (32 random bytes, base64url) to encrypt OAuth tokens in production.')
  }
}
