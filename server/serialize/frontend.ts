import type {
  ClientJSON,
  EmailAddressJSON,
  ImageJSON,
  PhoneNumberJSON,
  SessionJSON,
  UserJSON,
  VerificationJSON,
} from '../../src/wire/index.ts'
import type { ClientRecord, IdentificationRecord, SessionRecord, UserRecord } from '../storage/records.ts'
import { externalAccountJSON } from './external-account.ts'

/**
 * Storage records → the Frontend API's wire JSON (src/wire/frontend.ts). Each function builds an object
 * literal of the exact wire type, so TypeScript rejects a key the contract does not have; and the
 * records carry no private metadata, so no serializer here could emit it.
 */

/** Absolute URLs need the origin the browser used; routes pass `requestOrigin(c.req.raw)`. */
export interface SerializeContext {
  origin: string
}

/** An identification's verification, or `null` when none was ever started. */
export function verificationJSON(idn: IdentificationRecord): VerificationJSON | null {
  if (!idn.verificationStrategy) return null
  const strategy = idn.verificationStrategy
  return {
    object:
      strategy === 'admin' ? 'verification_admin' : strategy === 'email_link' ? 'verification_email_link' : 'verification_otp',
    status: idn.verificationStatus,
    strategy,
    attempts: strategy === 'admin' ? null : idn.verificationAttempts,
    expire_at: idn.verificationExpireAt,
    verified_at_client: null,
  }
}

/** An email address (`linked_to: []` always: @clerk/backend reads it unconditionally). */
export function emailAddressJSON(idn: IdentificationRecord): EmailAddressJSON {
  return {
    object: 'email_address',
    id: idn.id,
    email_address: idn.value,
    reserved: false,
    verification: verificationJSON(idn),
    linked_to: [],
    matches_sso_connection: false,
    created_at: idn.createdAt,
    updated_at: idn.updatedAt,
  }
}

/** A phone number, stored and shown in E.164. */
export function phoneNumberJSON(idn: IdentificationRecord): PhoneNumberJSON {
  return {
    object: 'phone_number',
    id: idn.id,
    phone_number: idn.value,
    reserved: false,
    reserved_for_second_factor: false,
    default_second_factor: false,
    verification: verificationJSON(idn),
    linked_to: [],
    backup_codes: null,
    created_at: idn.createdAt,
    updated_at: idn.updatedAt,
  }
}

/** The URL of an uploaded image. */
export function imageUrl(ctx: SerializeContext, imageId: string): string {
  return `${ctx.origin}/v1/images/${imageId}`
}

/** The initials shown when a user has no image: first and last name, else username, else email. */
export function initials(user: UserRecord): string {
  const first = (s: string | null | undefined) => (s ? Array.from(s.trim())[0] ?? '' : '')
  const fromNames = first(user.firstName) + first(user.lastName)
  const text = fromNames || first(user.username) || first(user.emailAddresses[0]?.value) || '?'
  return text.toUpperCase()
}

/** The user's image URL: the uploaded image, or the generated initials SVG (never null, as the BAPI schema demands). */
export function userImageUrl(ctx: SerializeContext, user: UserRecord): string {
  if (user.imageId) return imageUrl(ctx, user.imageId)
  return `${ctx.origin}/v1/images/initials/${encodeURIComponent(initials(user))}.svg`
}

/** The Frontend API's user. Its type, `UserJSON`, has no `private_metadata`. */
export function userJSON(ctx: SerializeContext, user: UserRecord): UserJSON {
  return {
    object: 'user',
    id: user.id,
    external_id: user.externalId,
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    locale: null,
    image_url: userImageUrl(ctx, user),
    has_image: user.imageId !== null,
    primary_email_address_id: user.primaryEmailAddressId,
    primary_phone_number_id: user.primaryPhoneNumberId,
    primary_web3_wallet_id: null,
    email_addresses: user.emailAddresses.map(emailAddressJSON),
    phone_numbers: user.phoneNumbers.map(phoneNumberJSON),
    web3_wallets: [],
    passkeys: [],
    external_accounts: (user.externalAccounts ?? []).map(externalAccountJSON),
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: user.publicMetadata,
    unsafe_metadata: user.unsafeMetadata,
    password_enabled: user.hasPassword,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    password_last_updated_at: user.passwordLastUpdatedAt,
    last_sign_in_at: user.lastSignInAt,
    last_active_at: user.lastActiveAt,
    banned: user.banned,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    delete_self_enabled: false,
    create_organization_enabled: false,
    create_organizations_limit: null,
    legal_accepted_at: null,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  }
}

/** A session; `user` is filled only for active sessions of the current client, `token` when one was minted for it. */
export function sessionJSON(ctx: SerializeContext, session: SessionRecord, user: UserRecord | null, token: string | null = null): SessionJSON {
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    user_id: session.userId,
    client_id: session.clientId,
    user: user && session.status === 'active' ? userJSON(ctx, user) : null,
    last_active_token: token ? { object: 'token', jwt: token } : null,
    last_active_at: session.lastActiveAt,
    expire_at: session.expireAt,
    abandon_at: session.abandonAt,
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  }
}

/** The browser's client with its active sessions; `users` holds each session's user, `tokens` any minted token. */
export function clientJSON(
  ctx: SerializeContext,
  client: ClientRecord,
  sessions: readonly SessionRecord[],
  users: ReadonlyMap<string, UserRecord>,
  tokens: ReadonlyMap<string, string> = new Map(),
): ClientJSON {
  return {
    object: 'client',
    id: client.id,
    sessions: sessions.map((s) => sessionJSON(ctx, s, users.get(s.userId) ?? null, tokens.get(s.id) ?? null)),
    last_active_session_id: client.lastActiveSessionId,
    sign_in: null,
    sign_up: null,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  }
}

/** An uploaded image, with its absolute URL. */
export function imageJSON(ctx: SerializeContext, image: { id: string; name: string | null }): ImageJSON {
  return { object: 'image', id: image.id, name: image.name, public_url: imageUrl(ctx, image.id) }
}
