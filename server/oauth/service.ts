import { ApiError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { Database, Queryable } from '../storage/database.ts'
import { isUniqueViolation } from '../storage/database.ts'
import { externalAccountsRepo, type ExternalAccountRecord } from '../storage/external-accounts.ts'
import { generateEncryptionKey, type TokenCipher, tokenCipher } from './crypto.ts'
import type { CompletedGrant } from './flow.ts'
import type { SettingsRepo } from '../storage/settings.ts'

/** An OAuth outcome the callback reports to the kit instead of a page: the code goes into the redirect. */
export class OAuthOutcomeError extends Error {
  constructor(readonly code: string) {
    super(code)
    this.name = 'OAuthOutcomeError'
  }
}

/**
 * The token cipher: `USERKIT_ENCRYPTION_KEY` when given; in development a key generated once and
 * kept in the settings table (so restarts and other instances decrypt alike); in production none.
 */
export function cipherLoader(
  settings: SettingsRepo,
  env: 'development' | 'production',
  key: string | undefined,
): () => Promise<TokenCipher> {
  let cipher: Promise<TokenCipher> | undefined
  return () => {
    cipher ??= (async () => {
      if (key) return tokenCipher(key)
      if (env === 'production') throw new TypeError('userkit: set USERKIT_ENCRYPTION_KEY to connect OAuth accounts in production.')
      return tokenCipher(await settings.getOrInit('oauth_encryption_key', generateEncryptionKey()))
    })()
    cipher.catch(() => (cipher = undefined))
    return cipher
  }
}

/** What the callback knows when it stores a completed grant. */
export interface LinkRequest {
  userId: string
  provider: string
  /** The `eac_…` id chosen when the flow started (the account to reauthorize, or the new one's). */
  externalAccountId: string
  reauthorize: boolean
  grant: CompletedGrant
  cipher: TokenCipher
}

/**
 * Stores a completed grant, in one transaction: a new account (with the provider's verified email
 * added to the user when nobody has it), or fresh scopes and tokens on the account it already is.
 * A provider account that belongs to someone else ends with `external_account_exists`, nothing linked.
 */
export async function linkAccount(db: Database, now: () => number, request: LinkRequest): Promise<void> {
  const { grant, cipher } = request
  const tokens = {
    accessToken: await cipher.encrypt(grant.accessToken),
    refreshToken: grant.refreshToken ? await cipher.encrypt(grant.refreshToken) : null,
    tokenExpiresAt: grant.expiresAt,
  }
  const profile = grant.profile
  const write = {
    emailAddress: profile.email ?? '',
    emailAddressVerified: profile.emailVerified,
    firstName: profile.firstName,
    lastName: profile.lastName,
    username: profile.username,
    imageUrl: profile.imageUrl,
    approvedScopes: grant.scopes.join(' '),
    ...tokens,
  }
  try {
    await db.transaction(async (tx) => {
      const accounts = externalAccountsRepo(tx, now)
      const existing = await accounts.findByProviderUser(request.provider, profile.id)
      if (existing && existing.userId !== request.userId) throw new OAuthOutcomeError('external_account_exists')
      if (request.reauthorize) {
        const target = await accounts.getForUser(request.userId, request.externalAccountId)
        if (!target) throw new OAuthOutcomeError('external_account_not_found')
        // Consenting as a different provider user must not swap the account under the user's feet.
        if (target.providerUserId !== profile.id) throw new OAuthOutcomeError('external_account_mismatch')
        return accounts.update(target.id, write)
      }
      if (existing) return accounts.update(existing.id, write)
      const email = profile.email && profile.emailVerified === true ? await linkEmail(tx, now, request.userId, request.provider, profile.email) : null
      await accounts.insert({
        ...write,
        id: request.externalAccountId,
        userId: request.userId,
        provider: request.provider,
        providerUserId: profile.id,
        identificationId: email?.id ?? null,
        ownedIdentification: email?.owned ?? false,
      })
    })
  } catch (error) {
    // Two callbacks racing for one provider account: the unique index decides.
    if (isUniqueViolation(error, 'external_accounts_provider_user_key')) throw new OAuthOutcomeError('external_account_exists')
    throw error
  }
}

/** The user's identification for a provider-verified email: theirs already, a new one, or none when another user has it. */
async function linkEmail(
  tx: Queryable,
  now: () => number,
  userId: string,
  provider: string,
  email: string,
): Promise<{ id: string; owned: boolean } | null> {
  const { rows } = await tx.query<{ id: string; user_id: string }>(
    "SELECT id, user_id FROM identifications WHERE type = 'email_address' AND lower(value) = lower($1)",
    [email],
  )
  const found = rows[0]
  if (found) return found.user_id === userId ? { id: found.id, owned: false } : null
  const id = newId('idn')
  const t = now()
  await tx.query(
    `INSERT INTO identifications (id, user_id, type, value, verification_status, verification_strategy, verified_at, created_at, updated_at)
     VALUES ($1, $2, 'email_address', $3, 'verified', $4, $5, $5, $5)`,
    [id, userId, email, `from_oauth_${provider}`, t],
  )
  await tx.query('UPDATE users SET primary_email_address_id = $2 WHERE id = $1 AND primary_email_address_id IS NULL', [userId, id])
  return { id, owned: true }
}

/**
 * Disconnects an account. The email it brought goes with it, unless that would leave the user
 * without a verified email address: then nothing changes and the answer is a 422.
 */
export async function unlinkAccount(db: Database, now: () => number, account: ExternalAccountRecord): Promise<void> {
  await db.transaction(async (tx) => {
    const idn = account.ownedIdentification ? account.identificationId : null
    if (idn) {
      const { rows } = await tx.query<{ id: string }>(
        `SELECT id FROM identifications WHERE user_id = $1 AND type = 'email_address' AND verification_status = 'verified' AND id <> $2
         ORDER BY created_at, seq`,
        [account.userId, idn],
      )
      const other = rows[0]
      if (!other) {
        throw new ApiError(422, 'form_identification_needed', 'A verified email address is required', {
          longMessage: 'This account brought your only verified email address. Add and verify another email address first.',
        })
      }
      await tx.query('UPDATE users SET primary_email_address_id = $3, updated_at = $4 WHERE id = $1 AND primary_email_address_id = $2', [
        account.userId,
        idn,
        other.id,
        now(),
      ])
      await tx.query('DELETE FROM identifications WHERE id = $1', [idn])
    }
    await externalAccountsRepo(tx, now).remove(account.id)
  })
}

/** A fresh `eac_…` id for an account being connected. */
export const newExternalAccountId = () => newId('eac')
