/**
 * A local OpenID Connect provider for development and tests (oidc-provider on 127.0.0.1, its own
 * port), so "Connect account" works with no internet. Its login page accepts any user name (and
 * any password); the account's id is that name. Node-only and never started in production.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import Provider from 'oidc-provider'
import type { OAuthProviderConfig } from '../oauth/config.ts'

/** Options of `startDevOidc`. */
export interface DevOidcOptions {
  /** The userkit callback URLs the provider accepts (`<origin>/v1/oauth_callback`). */
  redirectUris: readonly string[]
  /** Default `127.0.0.1`. */
  host?: string
  /** Default 0: a free port. */
  port?: number
}

/** A running local provider. */
export interface DevOidc {
  /** `http://127.0.0.1:<port>`. */
  issuer: string
  /** Its registration for userkit: key `dev_oidc`, name "Dev OIDC". */
  provider: OAuthProviderConfig
  close(): Promise<void>
}

/** The scopes the provider knows; `phone` is there so that "reauthorize with an extra scope" has one to add. */
export const DEV_OIDC_SCOPES = ['openid', 'email', 'profile', 'phone'] as const

/** The claims of a user name typed on the login page: `ada` → ada@example.com, "Ada". */
export function devOidcClaims(login: string): Record<string, unknown> {
  const name = login.trim()
  const local = name.includes('@') ? (name.split('@')[0] as string) : name
  const given = local.charAt(0).toUpperCase() + local.slice(1)
  return {
    sub: name,
    email: name.includes('@') ? name.toLowerCase() : `${name.toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'user'}@example.com`,
    email_verified: true,
    name: `${given} Dev`,
    given_name: given,
    family_name: 'Dev',
    preferred_username: local.toLowerCase(),
  }
}

/** Starts the provider and answers once it listens. */
export async function startDevOidc(options: DevOidcOptions): Promise<DevOidc> {
  const host = options.host ?? '127.0.0.1'
  const http: Server = createServer()
  await new Promise<void>((done, fail) => {
    http.once('error', fail)
    http.listen(options.port ?? 0, host, () => done())
  })
  const address = http.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const issuer = `http://${host}:${port}`
  const clientSecret = randomBytes(24).toString('base64url')
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'userkit-dev',
        client_secret: clientSecret,
        redirect_uris: [...options.redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...jwk, use: 'sig', alg: 'RS256', kid: 'dev-oidc' }] },
    cookies: { keys: [randomBytes(24).toString('base64url')] },
    scopes: [...DEV_OIDC_SCOPES],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      phone: ['phone_number', 'phone_number_verified'],
    },
    // Any user name signs in: the dev login form's `login` becomes the account id.
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => devOidcClaims(sub) }),
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    // Fixed lifetimes (seconds), which also keeps oidc-provider from logging a notice per default.
    ttl: { AccessToken: 3600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
  })
  http.on('request', provider.callback())

  return {
    issuer,
    provider: {
      key: 'dev_oidc',
      name: 'Dev OIDC',
      clientId: 'userkit-dev',
      clientSecret,
      issuer,
      scopes: ['openid', 'email', 'profile'],
      allowInsecureRequests: true,
    },
    close: () =>
      new Promise<void>((done) => {
        http.close(() => done())
        http.closeAllConnections()
      }),
  }
}
