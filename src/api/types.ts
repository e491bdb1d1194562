/**
 * The objects the client returns: camelCase, frozen, timestamps as Unix milliseconds.
 * They mirror the wire JSON in src/wire/ field by field, plus a few derived fields
 * (`fullName`, `primaryEmailAddress`, `primaryPhoneNumber`).
 */
import type { ErrorCode } from '../wire/index.ts'

/**
 * Public metadata, typed by the app through declaration merging:
 *
 * ```ts
 * declare module 'userkit' { interface UserPublicMetadata { plan: 'free' | 'pro' } }
 * ```
 *
 * Read-only in the browser: only the Backend API writes it.
 */
// biome-ignore lint: an empty interface is the point of declaration merging.
export interface UserPublicMetadata {}

/** Unsafe metadata: the user may write it; typed the same way as public metadata. */
// biome-ignore lint: see UserPublicMetadata.
export interface UserUnsafeMetadata {}

type Metadata<T> = keyof T extends never ? Readonly<Record<string, unknown>> : Readonly<T>

export type VerificationStatus = 'unverified' | 'verified' | 'failed' | 'expired' | 'transferable'

export interface ApiErrorItem {
  /** One of `ERROR_CODES` (a newer server may answer one this kit does not know yet). */
  readonly code: ErrorCode | (string & {})
  readonly message: string
  readonly longMessage: string
  readonly meta: { readonly paramName?: string; readonly [key: string]: unknown }
}

export interface Verification {
  readonly status: VerificationStatus
  /** `email_code`, `email_link`, `phone_code`, `admin`, `oauth_<provider>` … */
  readonly strategy: string
  readonly attempts: number | null
  readonly expireAt: number | null
  readonly externalVerificationRedirectUrl: string | null
  readonly error: ApiErrorItem | null
}

export interface IdentificationLink {
  readonly type: string
  readonly id: string
}

export interface EmailAddress {
  readonly id: string
  readonly emailAddress: string
  readonly verification: Verification | null
  readonly linkedTo: readonly IdentificationLink[]
  readonly createdAt: number
  readonly updatedAt: number
}

export interface PhoneNumber {
  readonly id: string
  /** E.164, for example `+14155550100`. */
  readonly phoneNumber: string
  readonly verification: Verification | null
  readonly linkedTo: readonly IdentificationLink[]
  readonly reservedForSecondFactor: boolean
  readonly defaultSecondFactor: boolean
  readonly createdAt: number
  readonly updatedAt: number
}

export interface ExternalAccount {
  readonly id: string
  /** `oauth_<provider key>`. */
  readonly provider: string
  readonly providerUserId: string
  readonly approvedScopes: readonly string[]
  readonly emailAddress: string
  readonly firstName: string | null
  readonly lastName: string | null
  readonly imageUrl: string | null
  readonly username: string | null
  readonly label: string | null
  readonly verification: Verification | null
  readonly createdAt: number
  readonly updatedAt: number
}

export interface User {
  readonly id: string
  readonly externalId: string | null
  readonly username: string | null
  readonly firstName: string | null
  readonly lastName: string | null
  /** First and last name joined with a space, or `null` when both are empty. */
  readonly fullName: string | null
  /** Always a URL: the uploaded image, or a generated one with the initials. */
  readonly imageUrl: string
  readonly hasImage: boolean
  readonly primaryEmailAddressId: string | null
  readonly primaryEmailAddress: EmailAddress | null
  readonly primaryPhoneNumberId: string | null
  readonly primaryPhoneNumber: PhoneNumber | null
  readonly emailAddresses: readonly EmailAddress[]
  readonly phoneNumbers: readonly PhoneNumber[]
  readonly externalAccounts: readonly ExternalAccount[]
  readonly publicMetadata: Metadata<UserPublicMetadata>
  readonly unsafeMetadata: Metadata<UserUnsafeMetadata>
  readonly passwordEnabled: boolean
  readonly lastSignInAt: number | null
  readonly lastActiveAt: number | null
  readonly createdAt: number
  readonly updatedAt: number
}

export type SessionStatus = 'active' | 'ended' | 'expired' | 'removed' | 'revoked'

export interface Session {
  readonly id: string
  readonly status: SessionStatus
  readonly userId: string
  /** The signed-in user, on active sessions of the current client. */
  readonly user: User | null
  readonly lastActiveAt: number
  readonly expireAt: number
  readonly createdAt: number
}

export interface Client {
  readonly id: string
  readonly sessions: readonly Session[]
  readonly lastActiveSessionId: string | null
}

export interface OAuthProvider {
  readonly strategy: string
  readonly key: string
  readonly name: string
}

export interface AttributeSetting {
  readonly enabled: boolean
  readonly required: boolean
}

export interface Environment {
  readonly attributes: {
    readonly emailAddress: AttributeSetting & { readonly verifications: readonly string[] }
    readonly phoneNumber: AttributeSetting & { readonly verifications: readonly string[] }
    readonly username: AttributeSetting
    readonly firstName: AttributeSetting
    readonly lastName: AttributeSetting
    readonly password: AttributeSetting
  }
  readonly usernameSettings: { readonly minLength: number; readonly maxLength: number }
  readonly passwordSettings: { readonly minLength: number; readonly maxLength: number }
  readonly profileImage: { readonly maxBytes: number; readonly contentTypes: readonly string[] }
  readonly oauthProviders: readonly OAuthProvider[]
  readonly defaultPhoneCountry: string
  readonly applicationName: string
  readonly development: boolean
  /** For the app's own backend: the publishable key Clerk's SDKs take, and cookie mode's names. */
  readonly authConfig: {
    readonly publishableKey: string
    /** `__session_<suffix>`, `__client_uat_<suffix>`. */
    readonly cookieSuffix: string
    /** Seconds a session token lives. */
    readonly sessionTokenLifetime: number
  }
}

export interface Image {
  readonly id: string
  readonly name: string | null
  readonly publicUrl: string
}

export interface DeletedObject {
  readonly object: string
  readonly id: string | null
  readonly deleted: true
}

/** What every Frontend API call resolves to: the resource and the client after the request. */
export interface Result<T> {
  readonly response: T
  /** `null` when the request left nobody signed in. */
  readonly client: Client | null
}
