import type {
  BackendSessionJSON,
  BackendUserJSON,
  EmailAddressJSON,
  ExternalAccountJSON,
  PhoneNumberJSON,
  VerificationJSON,
} from '../../src/wire/index.ts'

const T0 = Date.UTC(2026, 0, 15, 9, 30)
let count = 0

/** A verification as the Backend API writes it; `null` strategy: none was ever started. */
function verification(status: VerificationJSON['status'], strategy: string | null): VerificationJSON | null {
  if (strategy === null) return null
  const object = strategy === 'admin' ? 'verification_admin' : 'verification_otp'
  return { object, status, strategy, attempts: strategy === 'admin' ? null : 0, expire_at: null, verified_at_client: null }
}

/** An email address; verified by the operator unless told otherwise. */
export function emailJSON(id: string, address: string, status: VerificationJSON['status'] = 'verified', strategy: string | null = 'admin'): EmailAddressJSON {
  return {
    object: 'email_address',
    id,
    email_address: address,
    reserved: false,
    verification: verification(status, strategy),
    linked_to: [],
    matches_sso_connection: false,
    created_at: T0,
    updated_at: T0,
  }
}

function phoneJSON(id: string, number: string, status: VerificationJSON['status'], strategy: string): PhoneNumberJSON {
  return {
    object: 'phone_number',
    id,
    phone_number: number,
    reserved: false,
    reserved_for_second_factor: false,
    default_second_factor: false,
    verification: verification(status, strategy),
    linked_to: [],
    backup_codes: null,
    created_at: T0,
    updated_at: T0,
  }
}

function externalAccountJSON(id: string, provider: string, email: string): ExternalAccountJSON {
  return {
    object: 'external_account',
    id,
    provider,
    identification_id: '',
    provider_user_id: `${provider}-user`,
    approved_scopes: 'openid email profile',
    email_address: email,
    email_address_verified: true,
    first_name: null,
    last_name: null,
    image_url: null,
    username: null,
    phone_number: null,
    public_metadata: {},
    label: null,
    verification: { object: 'verification_oauth', status: 'verified', strategy: provider, attempts: null, expire_at: null, verified_at_client: null },
    created_at: T0,
    updated_at: T0,
  }
}

/** A Backend API user as the dashboard receives it; override what the story or test is about. */
export function bapiUser(overrides: Partial<BackendUserJSON> = {}): BackendUserJSON {
  count += 1
  const n = count
  const emailId = `idn_email${n}`
  const image = `https://img.example/initials/AL.svg`
  return {
    object: 'user',
    id: `user_${String(n).padStart(4, '0')}`,
    external_id: null,
    username: `user${n}`,
    first_name: 'Ada',
    last_name: `Lovelace ${n}`,
    locale: null,
    image_url: image,
    profile_image_url: image,
    has_image: false,
    primary_email_address_id: emailId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    email_addresses: [emailJSON(emailId, `ada${n}@example.com`)],
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    organization_memberships: [],
    public_metadata: {},
    private_metadata: {},
    unsafe_metadata: {},
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    password_last_updated_at: null,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    delete_self_enabled: false,
    create_organization_enabled: false,
    create_organizations_limit: null,
    legal_accepted_at: null,
    deprovisioned: false,
    bypass_client_trust: false,
    last_sign_in_at: T0 + n * 3_600_000,
    last_active_at: T0 + n * 3_600_000,
    created_at: T0 - n * 86_400_000,
    updated_at: T0,
    ...overrides,
  }
}

/** `n` distinct users. */
export const manyUsers = (n: number) => Array.from({ length: n }, () => bapiUser())

/** A fully filled user: two emails (one unverified), a phone, a Google account, metadata. */
export function richUser(overrides: Partial<BackendUserJSON> = {}): BackendUserJSON {
  return bapiUser({
    id: 'user_2rich',
    username: 'grace',
    first_name: 'Grace',
    last_name: 'Hopper',
    primary_email_address_id: 'idn_grace1',
    primary_phone_number_id: 'idn_gracephone',
    email_addresses: [
      emailJSON('idn_grace1', 'grace@example.com', 'verified', 'email_code'),
      emailJSON('idn_grace2', 'g.hopper@navy.example', 'unverified', null),
    ],
    phone_numbers: [phoneJSON('idn_gracephone', '+15555550100', 'verified', 'phone_code')],
    external_accounts: [externalAccountJSON('eac_google', 'oauth_google', 'grace@gmail.example')],
    public_metadata: { plan: 'pro', seats: 3 },
    private_metadata: { stripe_customer: 'cus_123' },
    ...overrides,
  })
}

/** An active session of `userId`. */
export function bapiSession(userId: string, n = 1): BackendSessionJSON {
  return {
    object: 'session',
    id: `sess_${userId.slice(5)}${n}`,
    user_id: userId,
    client_id: `client_${n}`,
    status: 'active',
    last_active_at: T0 + n * 60_000,
    expire_at: T0 + 7 * 86_400_000,
    abandon_at: T0 + 30 * 86_400_000,
    created_at: T0 - n * 3_600_000,
    updated_at: T0,
  }
}
