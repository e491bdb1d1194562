/**
 * The Frontend API's JSON, exactly as the server writes it: snake_case keys, an `object` field,
 * prefixed ids, Unix-millisecond timestamps, `null` for absent values and never-null arrays.
 */
import type { ErrorItemJSON } from './errors.ts'

export type VerificationStatus = 'unverified' | 'verified' | 'failed' | 'expired' | 'transferable'

export interface VerificationJSON {
  object:
    | 'verification_otp'
    | 'verification_email_link'
    | 'verification_admin'
    | 'verification_oauth'
    | 'verification_from_oauth'
  status: VerificationStatus
  /** `email_code`, `email_link`, `phone_code`, `admin`, `oauth_<provider>`, `from_oauth_<provider>`. */
  strategy: string
  attempts: number | null
  expire_at: number | null
  verified_at_client: string | null
  /** Only on OAuth verifications: where the browser goes to consent. */
  external_verification_redirect_url?: string | null
  error?: ErrorItemJSON | null
}

export interface IdentificationLinkJSON {
  type: string
  id: string
}

export interface EmailAddressJSON {
  object: 'email_address'
  id: string
  email_address: string
  reserved: boolean
  verification: VerificationJSON | null
  linked_to: IdentificationLinkJSON[]
  matches_sso_connection: boolean
  created_at: number
  updated_at: number
}

export interface PhoneNumberJSON {
  object: 'phone_number'
  id: string
  phone_number: string
  reserved: boolean
  reserved_for_second_factor: boolean
  default_second_factor: boolean
  verification: VerificationJSON | null
  linked_to: IdentificationLinkJSON[]
  backup_codes: string[] | null
  created_at: number
  updated_at: number
}

export interface ExternalAccountJSON {
  object: 'external_account'
  id: string
  /** `oauth_<provider key>`. */
  provider: string
  identification_id: string
  provider_user_id: string
  /** Space-separated, as in Clerk. */
  approved_scopes: string
  email_address: string
  email_address_verified: boolean | null
  first_name: string | null
  last_name: string | null
  image_url: string | null
  username: string | null
  phone_number: string | null
  public_metadata: Record<string, unknown>
  label: string | null
  verification: VerificationJSON | null
  created_at: number
  updated_at: number
}

/**
 * The user as the Frontend API writes it. It has no `private_metadata` key at all: the Frontend
 * API's serializer has no way to emit it (server/serialize.ts).
 */
export interface UserJSON {
  object: 'user'
  id: string
  external_id: string | null
  username: string | null
  first_name: string | null
  last_name: string | null
  locale: string | null
  image_url: string
  has_image: boolean
  primary_email_address_id: string | null
  primary_phone_number_id: string | null
  primary_web3_wallet_id: null
  email_addresses: EmailAddressJSON[]
  phone_numbers: PhoneNumberJSON[]
  web3_wallets: never[]
  passkeys: never[]
  external_accounts: ExternalAccountJSON[]
  saml_accounts: never[]
  enterprise_accounts: never[]
  public_metadata: Record<string, unknown>
  unsafe_metadata: Record<string, unknown>
  password_enabled: boolean
  two_factor_enabled: boolean
  totp_enabled: boolean
  backup_code_enabled: boolean
  mfa_enabled_at: number | null
  mfa_disabled_at: number | null
  password_last_updated_at: number | null
  last_sign_in_at: number | null
  last_active_at: number | null
  banned: boolean
  locked: boolean
  lockout_expires_in_seconds: number | null
  verification_attempts_remaining: number | null
  delete_self_enabled: boolean
  create_organization_enabled: boolean
  create_organizations_limit: number | null
  legal_accepted_at: number | null
  created_at: number
  updated_at: number
}

export type SessionStatus = 'active' | 'ended' | 'expired' | 'removed' | 'revoked'

/** A session token (`POST /v1/client/sessions/{id}/tokens`): an RS256 JWT that lives about a minute. */
export interface TokenJSON {
  object: 'token'
  jwt: string
}

export interface SessionJSON {
  object: 'session'
  id: string
  status: SessionStatus
  user_id: string
  client_id: string
  /** The signed-in user, present on active sessions of the current client. */
  user: UserJSON | null
  /** A fresh token for this session, so the first `getToken()` costs no request; in `GET /v1/client` and sign-in answers. */
  last_active_token: TokenJSON | null
  last_active_at: number
  expire_at: number
  abandon_at: number
  created_at: number
  updated_at: number
}

export interface ClientJSON {
  object: 'client'
  id: string
  sessions: SessionJSON[]
  last_active_session_id: string | null
  sign_in: null
  sign_up: null
  created_at: number
  updated_at: number
}

export interface OAuthProviderJSON {
  /** `oauth_<key>`, for example `oauth_github` or `oauth_dev_oidc`. */
  strategy: string
  key: string
  name: string
}

/** Public settings the kit reads once (`GET /v1/environment`). */
export interface EnvironmentJSON {
  object: 'environment'
  auth_config: {
    /** The `pk_live_…` key Clerk's SDKs take beside the secret key. */
    publishable_key: string
    /** The suffix of the cookie names in cookie mode (`__session_<suffix>`, `__client_uat_<suffix>`). */
    cookie_suffix: string
    /** How long a session token lives, in seconds. */
    session_token_lifetime: number
  }
  user_settings: {
    attributes: {
      email_address: { enabled: boolean; required: boolean; used_for_first_factor: boolean; verifications: string[] }
      phone_number: { enabled: boolean; required: boolean; used_for_first_factor: boolean; verifications: string[] }
      username: { enabled: boolean; required: boolean; used_for_first_factor: boolean }
      first_name: { enabled: boolean; required: boolean }
      last_name: { enabled: boolean; required: boolean }
      password: { enabled: boolean; required: boolean }
    }
    username_settings: { min_length: number; max_length: number }
    password_settings: { min_length: number; max_length: number }
    profile_image: { max_bytes: number; content_types: string[] }
    social: OAuthProviderJSON[]
    default_phone_country: string
  }
  display_config: { application_name: string; development: boolean }
}

export interface ImageJSON {
  object: 'image'
  id: string
  name: string | null
  public_url: string
}

/** What a DELETE answers (@clerk/backend's `DeletedObject`). */
export interface DeletedObjectJSON {
  object: string
  id: string | null
  deleted: true
}

/** Every Frontend API answer: the resource and the client as it is after the request. */
export interface EnvelopeJSON<T> {
  response: T
  client: ClientJSON | null
}

/** A message in the development server's outbox (`GET /dev/outbox.json`). */
export interface OutboxMessageJSON {
  id: string
  channel: 'email' | 'sms'
  /** An email address, or a phone number in E.164. */
  to: string
  subject: string | null
  text: string
  code: string | null
  link: string | null
  created_at: number
}
