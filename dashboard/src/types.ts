/** The Backend API's JSON as the dashboard reads it (snake_case, Unix ms): the subset it shows. */

export type VerificationStatus = 'verified' | 'unverified' | 'failed' | 'expired' | (string & {})

/** A verification as the Backend API writes it; `null` when none was attempted. */
export interface BapiVerification {
  status: VerificationStatus
  strategy: string | null
}

export interface BapiEmailAddress {
  id: string
  object: 'email_address'
  email_address: string
  verification: BapiVerification | null
}

export interface BapiPhoneNumber {
  id: string
  object: 'phone_number'
  phone_number: string
  verification: BapiVerification | null
}

export interface BapiExternalAccount {
  id: string
  object: string
  provider: string
  email_address: string | null
  username?: string | null
  verification?: BapiVerification | null
}

export type JsonObject = { [key: string]: unknown }

export interface BapiUser {
  id: string
  object: 'user'
  username: string | null
  first_name: string | null
  last_name: string | null
  image_url: string | null
  has_image: boolean
  primary_email_address_id: string | null
  primary_phone_number_id: string | null
  email_addresses: BapiEmailAddress[]
  phone_numbers: BapiPhoneNumber[]
  external_accounts: BapiExternalAccount[]
  public_metadata: JsonObject
  private_metadata: JsonObject
  banned: boolean
  last_sign_in_at: number | null
  last_active_at: number | null
  created_at: number
  updated_at: number
}

export interface BapiSession {
  id: string
  object: 'session'
  user_id: string
  client_id: string
  status: string
  last_active_at: number
  expire_at: number
  created_at: number
}

/** The sort orders the users table offers. */
export type UserOrderBy = '-created_at' | '+created_at' | '-last_sign_in_at' | '+last_sign_in_at'

/** What the users table asks for. */
export interface UserListParams {
  query: string
  limit: number
  offset: number
  orderBy: UserOrderBy
}

/** The create-user form, as typed (comma-separated lists stay text so nothing typed is reshaped). */
export interface CreateUserDraft {
  emails: string
  phones: string
  username: string
  password: string
  firstName: string
  lastName: string
}

export const emptyDraft: CreateUserDraft = { emails: '', phones: '', username: '', password: '', firstName: '', lastName: '' }
