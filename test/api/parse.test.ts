import { describe, expect, it } from 'vitest'
import { UserkitApiError } from '../../src/api/errors.ts'
import { activeSession, parseClient, parseEnvironment, parseUser } from '../../src/api/parse.ts'
import type { ClientJSON, EmailAddressJSON, EnvironmentJSON, UserJSON } from '../../src/wire/index.ts'

function emailJSON(id: string, address: string): EmailAddressJSON {
  return {
    object: 'email_address',
    id,
    email_address: address,
    reserved: false,
    verification: {
      object: 'verification_otp',
      status: 'verified',
      strategy: 'email_code',
      attempts: 1,
      expire_at: 1_700_000_600_000,
      verified_at_client: null,
    },
    linked_to: [],
    matches_sso_connection: false,
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
  }
}

function userJSON(patch: Partial<UserJSON> = {}): UserJSON {
  return {
    object: 'user',
    id: 'user_1',
    external_id: null,
    username: 'ada',
    first_name: 'Ada',
    last_name: 'Lovelace',
    locale: null,
    image_url: 'https://img.example/ada.png',
    has_image: true,
    primary_email_address_id: 'idn_2',
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    email_addresses: [emailJSON('idn_1', 'old@example.com'), emailJSON('idn_2', 'ada@example.com')],
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    external_accounts: [
      {
        object: 'external_account',
        id: 'eac_1',
        provider: 'oauth_github',
        identification_id: 'idn_3',
        provider_user_id: '42',
        approved_scopes: 'read:user  user:email',
        email_address: 'ada@github.example',
        email_address_verified: true,
        first_name: null,
        last_name: null,
        image_url: null,
        username: 'ada-gh',
        phone_number: null,
        public_metadata: {},
        label: null,
        verification: null,
        created_at: 1,
        updated_at: 2,
      },
    ],
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: { plan: 'pro', nested: { seats: 3 } },
    unsafe_metadata: {},
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    password_last_updated_at: null,
    last_sign_in_at: 1_700_000_000_000,
    last_active_at: null,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    delete_self_enabled: true,
    create_organization_enabled: false,
    create_organizations_limit: null,
    legal_accepted_at: null,
    created_at: 1_600_000_000_000,
    updated_at: 1_700_000_000_000,
    ...patch,
  }
}

function clientJSON(user: UserJSON | null, status: 'active' | 'ended' = 'active'): ClientJSON {
  return {
    object: 'client',
    id: 'client_1',
    sessions: [
      {
        object: 'session',
        id: 'sess_1',
        status,
        user_id: 'user_1',
        client_id: 'client_1',
        user,
        last_active_token: null,
        last_active_at: 5,
        expire_at: 6,
        abandon_at: 7,
        created_at: 4,
        updated_at: 5,
      },
    ],
    last_active_session_id: 'sess_1',
    sign_in: null,
    sign_up: null,
    created_at: 1,
    updated_at: 2,
  }
}

describe('parseUser', () => {
  it('maps snake_case to camelCase and derives fullName and the primary identifiers', () => {
    const user = parseUser(userJSON())
    expect(user.firstName).toBe('Ada')
    expect(user.fullName).toBe('Ada Lovelace')
    expect(user.imageUrl).toBe('https://img.example/ada.png')
    expect(user.primaryEmailAddress?.emailAddress).toBe('ada@example.com')
    expect(user.primaryEmailAddress?.verification?.expireAt).toBe(1_700_000_600_000)
    expect(user.primaryPhoneNumber).toBeNull()
    expect(user.lastSignInAt).toBe(1_700_000_000_000)
    expect(user.publicMetadata).toEqual({ plan: 'pro', nested: { seats: 3 } })
    expect(user.externalAccounts[0]?.approvedScopes).toEqual(['read:user', 'user:email'])
    expect(user.externalAccounts[0]?.providerUserId).toBe('42')
    expect(Object.keys(user)).not.toContain('first_name')
  })

  it('gives fullName from one name, and null when both are empty', () => {
    expect(parseUser(userJSON({ first_name: null, last_name: 'Lovelace' })).fullName).toBe('Lovelace')
    expect(parseUser(userJSON({ first_name: null, last_name: null })).fullName).toBeNull()
    expect(parseUser(userJSON({ first_name: '', last_name: null })).fullName).toBeNull()
  })

  it('freezes the user deeply and leaves the input JSON writable', () => {
    const json = userJSON()
    const user = parseUser(json)
    expect(Object.isFrozen(user)).toBe(true)
    expect(Object.isFrozen(user.emailAddresses)).toBe(true)
    expect(Object.isFrozen(user.emailAddresses[0]?.verification)).toBe(true)
    expect(Object.isFrozen((user.publicMetadata as { nested: object }).nested)).toBe(true)
    expect(() => {
      ;(user as { firstName: string }).firstName = 'Eve'
    }).toThrow(TypeError)
    expect(Object.isFrozen(json.public_metadata)).toBe(false)
  })
})

describe('parseClient', () => {
  it('finds the signed-in session and its user', () => {
    const client = parseClient(clientJSON(userJSON()))
    expect(client?.lastActiveSessionId).toBe('sess_1')
    expect(activeSession(client)?.user?.username).toBe('ada')
    expect(Object.isFrozen(client?.sessions[0])).toBe(true)
  })

  it('has no signed-in session when the last session ended or there is no client', () => {
    expect(activeSession(parseClient(clientJSON(userJSON(), 'ended')))).toBeNull()
    expect(parseClient(null)).toBeNull()
    expect(activeSession(null)).toBeNull()
  })
})

describe('parseEnvironment', () => {
  it('maps the settings and freezes them', () => {
    const attribute = { enabled: true, required: false, used_for_first_factor: true, verifications: ['email_code'] }
    const json: EnvironmentJSON = {
      object: 'environment',
      auth_config: { publishable_key: 'pk_live_MTI3LjAuMC4xOjQwMDAk', cookie_suffix: 'AbCd-_12', session_token_lifetime: 60 },
      user_settings: {
        attributes: {
          email_address: attribute,
          phone_number: { ...attribute, enabled: false, verifications: ['phone_code'] },
          username: { enabled: true, required: false, used_for_first_factor: true },
          first_name: { enabled: true, required: false },
          last_name: { enabled: true, required: false },
          password: { enabled: true, required: true },
        },
        username_settings: { min_length: 4, max_length: 64 },
        password_settings: { min_length: 8, max_length: 72 },
        profile_image: { max_bytes: 10_485_760, content_types: ['image/png'] },
        social: [{ strategy: 'oauth_github', key: 'github', name: 'GitHub' }],
        default_phone_country: 'US',
      },
      display_config: { application_name: 'Demo', development: true },
    }
    const env = parseEnvironment(json)
    expect(env.attributes.phoneNumber).toEqual({ enabled: false, required: false, verifications: ['phone_code'] })
    expect(env.usernameSettings.minLength).toBe(4)
    expect(env.profileImage.maxBytes).toBe(10_485_760)
    expect(env.oauthProviders[0]?.key).toBe('github')
    expect(env.applicationName).toBe('Demo')
    expect(env.authConfig).toEqual({ publishableKey: 'pk_live_MTI3LjAuMC4xOjQwMDAk', cookieSuffix: 'AbCd-_12', sessionTokenLifetime: 60 })
    expect(Object.isFrozen(env.attributes.emailAddress.verifications)).toBe(true)
  })
})

describe('UserkitApiError', () => {
  it('is an Error with a status, an error list and a code', () => {
    const error = new UserkitApiError(422, [{ code: 'x', message: 'm', longMessage: 'long m', meta: {} }], 3)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('UserkitApiError')
    expect(error.message).toBe('long m')
    expect(error.code).toBe('x')
    expect(error.retryAfter).toBe(3)
  })
})
