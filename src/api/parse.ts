import { parseErrorItem } from './errors.ts'
import type {
  Client,
  DeletedObject,
  EmailAddress,
  Environment,
  ExternalAccount,
  Image,
  PhoneNumber,
  Session,
  User,
  Verification,
} from './types.ts'
import type {
  ClientJSON,
  DeletedObjectJSON,
  EmailAddressJSON,
  EnvironmentJSON,
  ExternalAccountJSON,
  ImageJSON,
  PhoneNumberJSON,
  SessionJSON,
  UserJSON,
  VerificationJSON,
} from '../wire/index.ts'

/** Freezes a freshly built value and everything inside it (metadata included). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

function verification(json: VerificationJSON | null): Verification | null {
  if (!json) return null
  return {
    status: json.status,
    strategy: json.strategy,
    attempts: json.attempts,
    expireAt: json.expire_at,
    externalVerificationRedirectUrl: json.external_verification_redirect_url ?? null,
    error: json.error ? parseErrorItem(json.error) : null,
  }
}

function emailAddress(json: EmailAddressJSON): EmailAddress {
  return {
    id: json.id,
    emailAddress: json.email_address,
    verification: verification(json.verification),
    linkedTo: json.linked_to.map(({ type, id }) => ({ type, id })),
    createdAt: json.created_at,
    updatedAt: json.updated_at,
  }
}

function phoneNumber(json: PhoneNumberJSON): PhoneNumber {
  return {
    id: json.id,
    phoneNumber: json.phone_number,
    verification: verification(json.verification),
    linkedTo: json.linked_to.map(({ type, id }) => ({ type, id })),
    reservedForSecondFactor: json.reserved_for_second_factor,
    defaultSecondFactor: json.default_second_factor,
    createdAt: json.created_at,
    updatedAt: json.updated_at,
  }
}

function externalAccount(json: ExternalAccountJSON): ExternalAccount {
  return {
    id: json.id,
    provider: json.provider,
    providerUserId: json.provider_user_id,
    approvedScopes: json.approved_scopes.split(' ').filter(Boolean),
    emailAddress: json.email_address,
    firstName: json.first_name,
    lastName: json.last_name,
    imageUrl: json.image_url,
    username: json.username,
    label: json.label,
    verification: verification(json.verification),
    createdAt: json.created_at,
    updatedAt: json.updated_at,
  }
}

function buildUser(json: UserJSON): User {
  const emailAddresses = json.email_addresses.map(emailAddress)
  const phoneNumbers = json.phone_numbers.map(phoneNumber)
  const fullName = [json.first_name, json.last_name].filter(Boolean).join(' ')
  return {
    id: json.id,
    externalId: json.external_id,
    username: json.username,
    firstName: json.first_name,
    lastName: json.last_name,
    fullName: fullName || null,
    imageUrl: json.image_url,
    hasImage: json.has_image,
    primaryEmailAddressId: json.primary_email_address_id,
    primaryEmailAddress: emailAddresses.find((e) => e.id === json.primary_email_address_id) ?? null,
    primaryPhoneNumberId: json.primary_phone_number_id,
    primaryPhoneNumber: phoneNumbers.find((p) => p.id === json.primary_phone_number_id) ?? null,
    emailAddresses,
    phoneNumbers,
    externalAccounts: json.external_accounts.map(externalAccount),
    // structuredClone: freezing must never reach into the caller's JSON.
    publicMetadata: structuredClone(json.public_metadata) as User['publicMetadata'],
    unsafeMetadata: structuredClone(json.unsafe_metadata) as User['unsafeMetadata'],
    passwordEnabled: json.password_enabled,
    lastSignInAt: json.last_sign_in_at,
    lastActiveAt: json.last_active_at,
    createdAt: json.created_at,
    updatedAt: json.updated_at,
  }
}

function buildSession(json: SessionJSON): Session {
  return {
    id: json.id,
    status: json.status,
    userId: json.user_id,
    user: json.user ? buildUser(json.user) : null,
    lastActiveAt: json.last_active_at,
    expireAt: json.expire_at,
    createdAt: json.created_at,
  }
}

/** Wire user → frozen camelCase `User` with `fullName` and the primary identifiers resolved. */
export const parseUser = (json: UserJSON): User => deepFreeze(buildUser(json))

export const parseSession = (json: SessionJSON): Session => deepFreeze(buildSession(json))

/** Wire email address → frozen camelCase `EmailAddress`. */
export const parseEmailAddress = (json: EmailAddressJSON): EmailAddress => deepFreeze(emailAddress(json))

/** Wire phone number → frozen camelCase `PhoneNumber`. */
export const parsePhoneNumber = (json: PhoneNumberJSON): PhoneNumber => deepFreeze(phoneNumber(json))

/** Wire external account → frozen camelCase `ExternalAccount` (scopes as a list). */
export const parseExternalAccount = (json: ExternalAccountJSON): ExternalAccount => deepFreeze(externalAccount(json))

export const parseClient = (json: ClientJSON | null): Client | null =>
  json &&
  deepFreeze({
    id: json.id,
    sessions: json.sessions.map(buildSession),
    lastActiveSessionId: json.last_active_session_id,
  })

export function parseEnvironment(json: EnvironmentJSON): Environment {
  const { attributes: a, username_settings, password_settings, profile_image, social } = json.user_settings
  const setting = ({ enabled, required }: { enabled: boolean; required: boolean }) => ({ enabled, required })
  return deepFreeze({
    attributes: {
      emailAddress: { ...setting(a.email_address), verifications: [...a.email_address.verifications] },
      phoneNumber: { ...setting(a.phone_number), verifications: [...a.phone_number.verifications] },
      username: setting(a.username),
      firstName: setting(a.first_name),
      lastName: setting(a.last_name),
      password: setting(a.password),
    },
    usernameSettings: { minLength: username_settings.min_length, maxLength: username_settings.max_length },
    passwordSettings: { minLength: password_settings.min_length, maxLength: password_settings.max_length },
    profileImage: { maxBytes: profile_image.max_bytes, contentTypes: [...profile_image.content_types] },
    oauthProviders: social.map(({ strategy, key, name }) => ({ strategy, key, name })),
    defaultPhoneCountry: json.user_settings.default_phone_country,
    applicationName: json.display_config.application_name,
    development: json.display_config.development,
    authConfig: {
      publishableKey: json.auth_config?.publishable_key ?? '',
      cookieSuffix: json.auth_config?.cookie_suffix ?? '',
      sessionTokenLifetime: json.auth_config?.session_token_lifetime ?? 60,
    },
  })
}

export const parseImage = (json: ImageJSON): Image =>
  deepFreeze({ id: json.id, name: json.name, publicUrl: json.public_url })

export const parseDeleted = (json: DeletedObjectJSON): DeletedObject =>
  deepFreeze({ object: json.object, id: json.id, deleted: true as const })

/** The signed-in user of a client: the user of its last active session, when that session is active. */
export function activeSession(client: Client | null | undefined): Session | null {
  const session = client?.sessions.find((s) => s.id === client.lastActiveSessionId)
  return session?.status === 'active' && session.user ? session : null
}
