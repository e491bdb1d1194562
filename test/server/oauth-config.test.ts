/** OAuth configuration, presets, the token cipher and the production guards (no provider needed). */
import { describe, expect, it } from 'vitest'
import { oauthProvidersFromEnv, resolveProviders } from '../../server/oauth/config.ts'
import { generateEncryptionKey, tokenCipher } from '../../server/oauth/crypto.ts'
import { setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

describe('resolveProviders', () => {
  it('fills GitHub (plain OAuth 2.0) and Google (OIDC discovery) from their presets', () => {
    const providers = resolveProviders([
      { key: 'github', clientId: 'gh', clientSecret: 's' },
      { key: 'google', clientId: 'go', clientSecret: 's' },
    ])
    expect(providers.get('github')).toMatchObject({
      name: 'GitHub',
      scopes: ['read:user', 'user:email'],
      authorizationEndpoint: 'https://github.com/login/oauth/authorize',
      tokenEndpoint: 'https://github.com/login/oauth/access_token',
    })
    expect(providers.get('github')?.issuer).toBeUndefined()
    expect(providers.get('google')).toMatchObject({ name: 'Google', issuer: 'https://accounts.google.com', scopes: ['openid', 'email', 'profile'] })
  })

  it('takes any OIDC provider by issuer, always with the openid scope', () => {
    const p = resolveProviders([{ key: 'corp', clientId: 'c', issuer: 'https://id.corp.example', scopes: ['email'] }]).get('corp')
    expect(p).toMatchObject({ name: 'corp', scopes: ['openid', 'email'] })
  })

  it.each([
    [[{ key: 'Bad-Key', clientId: 'x', issuer: 'https://a.example' }], /key "Bad-Key"/],
    [[{ key: 'a', clientId: 'x', issuer: 'https://a.example' }, { key: 'a', clientId: 'y', issuer: 'https://a.example' }], /twice/],
    [[{ key: 'a', clientId: '', issuer: 'https://a.example' }], /clientId/],
    [[{ key: 'custom', clientId: 'x' }], /issuer or authorization and token endpoints/],
  ])('refuses a broken configuration (%#)', (configs, message) => {
    expect(() => resolveProviders(configs)).toThrow(message)
  })
})

describe('oauthProvidersFromEnv', () => {
  it('reads USERKIT_OAUTH_<KEY>_* variables', () => {
    const env = {
      USERKIT_OAUTH_GITHUB_CLIENT_ID: 'gh-id',
      USERKIT_OAUTH_GITHUB_CLIENT_SECRET: 'gh-secret',
      USERKIT_OAUTH_CORP_SSO_CLIENT_ID: 'corp-id',
      USERKIT_OAUTH_CORP_SSO_ISSUER: 'https://id.corp.example',
      USERKIT_OAUTH_CORP_SSO_SCOPES: 'openid email groups',
      USERKIT_OAUTH_CORP_SSO_NAME: 'Corp SSO',
      USERKIT_OAUTH_EMPTY_CLIENT_ID: '',
      PATH: '/usr/bin',
    }
    expect(oauthProvidersFromEnv(env)).toEqual([
      { key: 'github', clientId: 'gh-id', clientSecret: 'gh-secret' },
      { key: 'corp_sso', clientId: 'corp-id', issuer: 'https://id.corp.example', scopes: ['openid', 'email', 'groups'], name: 'Corp SSO' },
    ])
  })
})

describe('tokenCipher (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time', async () => {
    const cipher = await tokenCipher(generateEncryptionKey())
    const a = await cipher.encrypt('gho_secret-token')
    const b = await cipher.encrypt('gho_secret-token')
    expect(a).not.toBe(b)
    expect(a).not.toContain('secret')
    expect(await cipher.decrypt(a)).toBe('gho_secret-token')
  })

  it('refuses altered ciphertexts and other keys', async () => {
    const cipher = await tokenCipher(generateEncryptionKey())
    const sealed = await cipher.encrypt('token')
    const [v, iv, data] = sealed.split('.') as [string, string, string]
    const flipped = `${v}.${iv}.${data.slice(0, -2)}${data.endsWith('A') ? 'B' : 'A'}${data.slice(-1)}`
    await expect(cipher.decrypt(flipped)).rejects.toThrow()
    await expect((await tokenCipher(generateEncryptionKey())).decrypt(sealed)).rejects.toThrow()
    await expect(cipher.decrypt('plain-text')).rejects.toThrow()
  })

  it('needs a 32-byte key', async () => {
    await expect(tokenCipher('too-short')).rejects.toThrow(/USERKIT_ENCRYPTION_KEY/)
    await expect(tokenCipher('!!!not base64!!!')).rejects.toThrow(/USERKIT_ENCRYPTION_KEY/)
  })
})

describe('production', () => {
  const provider = { key: 'corp', clientId: 'c', clientSecret: 's', issuer: 'https://id.corp.example' }

  it('refuses providers without USERKIT_ENCRYPTION_KEY, and http: providers', async () => {
    await expect(createTestServer({ env: 'production', oauth: { providers: [provider] } })).rejects.toThrow(/USERKIT_ENCRYPTION_KEY/)
    await expect(
      createTestServer({
        env: 'production',
        oauth: { providers: [{ ...provider, issuer: 'http://127.0.0.1:9', allowInsecureRequests: true }], encryptionKey: generateEncryptionKey() },
      }),
    ).rejects.toThrow(/http:/)
  })

  it('starts with a key and lists the provider', async () => {
    const t = await createTestServer({ env: 'production', oauth: { providers: [provider], encryptionKey: generateEncryptionKey() } })
    const env = await (await t.request('/v1/environment')).json()
    expect(env.user_settings.social).toEqual([{ strategy: 'oauth_corp', key: 'corp', name: 'corp' }])
  })
})
