import { guardUnique, type Queryable } from './database.ts'
import { ms, msOrNull } from './records.ts'

/** What the provider told of its user, and what it granted. */
export interface ExternalAccountProfile {
  emailAddress: string
  emailAddressVerified: boolean | null
  firstName: string | null
  lastName: string | null
  username: string | null
  imageUrl: string | null
  /** Space-separated, as on the wire. */
  approvedScopes: string
}

/** A connected OAuth account as the Frontend API may see it: its tokens never leave storage here. */
export interface ExternalAccountRecord extends ExternalAccountProfile {
  id: string
  userId: string
  /** The provider key (`github`, `dev_oidc` …); the wire's `provider` is `oauth_<key>`. */
  provider: string
  providerUserId: string
  identificationId: string | null
  ownedIdentification: boolean
  /** A provider error code seen when the tokens were last used; the kit then offers "Reconnect". */
  verificationError: string | null
  createdAt: number
  updatedAt: number
}

/** What the callback stores: the profile, the scopes and the already encrypted tokens. */
export interface ExternalAccountWrite extends ExternalAccountProfile {
  accessToken: string | null
  refreshToken: string | null
  tokenExpiresAt: number | null
}

/** Every column but the tokens, which never leave storage through a record. */
export const ACCOUNT_COLUMNS = `id, user_id, provider, provider_user_id, identification_id, owned_identification, email_address,
  email_address_verified, first_name, last_name, username, image_url, approved_scopes, verification_error, created_at, updated_at`

/** Connected accounts (the users repository reads them along with their users). */
export interface ExternalAccountRepo {
  /** One account of one user; `null` when it is not theirs. */
  getForUser(userId: string, id: string): Promise<ExternalAccountRecord | null>
  findByProviderUser(provider: string, providerUserId: string): Promise<ExternalAccountRecord | null>
  insert(input: ExternalAccountWrite & Pick<ExternalAccountRecord, 'id' | 'userId' | 'provider' | 'providerUserId' | 'identificationId' | 'ownedIdentification'>): Promise<void>
  update(id: string, input: ExternalAccountWrite): Promise<void>
  remove(id: string): Promise<void>
}

/** Two callbacks racing for one provider account: the unique index decides. */
const UNIQUE = { external_accounts_provider_user_key: 'provider_account' } as const

/** Binds the external-account queries to `q` (the database or a transaction). */
export function externalAccountsRepo(q: Queryable, now: () => number): ExternalAccountRepo {
  return {
    async getForUser(userId, id) {
      const { rows } = await q.query(`SELECT ${ACCOUNT_COLUMNS} FROM external_accounts WHERE id = $1 AND user_id = $2`, [id, userId])
      return rows[0] ? toExternalAccount(rows[0]) : null
    },
    async findByProviderUser(provider, providerUserId) {
      const { rows } = await q.query(
        `SELECT ${ACCOUNT_COLUMNS} FROM external_accounts WHERE provider = $1 AND provider_user_id = $2`,
        [provider, providerUserId],
      )
      return rows[0] ? toExternalAccount(rows[0]) : null
    },
    async insert(a) {
      const t = now()
      await guardUnique(UNIQUE, () => q.query(
        `INSERT INTO external_accounts (id, user_id, provider, provider_user_id, identification_id, owned_identification,
           email_address, email_address_verified, first_name, last_name, username, image_url, approved_scopes,
           access_token, refresh_token, token_expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
        [
          a.id, a.userId, a.provider, a.providerUserId, a.identificationId, a.ownedIdentification, a.emailAddress,
          a.emailAddressVerified, a.firstName, a.lastName, a.username, a.imageUrl, a.approvedScopes,
          a.accessToken, a.refreshToken, a.tokenExpiresAt, t,
        ],
      ))
    },
    async update(id, a) {
      await q.query(
        `UPDATE external_accounts SET email_address = $2, email_address_verified = $3, first_name = $4, last_name = $5,
           username = $6, image_url = $7, approved_scopes = $8, access_token = $9,
           refresh_token = COALESCE($10, refresh_token), token_expires_at = $11, verification_error = NULL, updated_at = $12
         WHERE id = $1`,
        [
          id, a.emailAddress, a.emailAddressVerified, a.firstName, a.lastName, a.username, a.imageUrl,
          a.approvedScopes, a.accessToken, a.refreshToken, a.tokenExpiresAt, now(),
        ],
      )
    },
    async remove(id) {
      await q.query('DELETE FROM external_accounts WHERE id = $1', [id])
    },
  }
}

/** The row mapper of `external_accounts`. */
export function toExternalAccount(row: Record<string, unknown>): ExternalAccountRecord {
  return {
    id: row.id as string,
    userId: row.user_id as string,
    provider: row.provider as string,
    providerUserId: row.provider_user_id as string,
    identificationId: (row.identification_id as string | null) ?? null,
    ownedIdentification: row.owned_identification === true,
    emailAddress: row.email_address as string,
    emailAddressVerified: (row.email_address_verified as boolean | null) ?? null,
    firstName: (row.first_name as string | null) ?? null,
    lastName: (row.last_name as string | null) ?? null,
    username: (row.username as string | null) ?? null,
    imageUrl: (row.image_url as string | null) ?? null,
    approvedScopes: row.approved_scopes as string,
    verificationError: (row.verification_error as string | null) ?? null,
    createdAt: ms(row.created_at),
    updatedAt: msOrNull(row.updated_at) ?? ms(row.created_at),
  }
}
