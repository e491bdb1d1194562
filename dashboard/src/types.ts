/**
 * The dashboard's own shapes. The Backend API's JSON it reads is the wire contract's
 * (src/wire/backend.ts), imported, never re-declared.
 */
export type JsonObject = { [key: string]: unknown }

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
