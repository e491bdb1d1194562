import type { ErrorCode } from '../../src/wire/index.ts'
import type { WriteTx } from '../changes.ts'
import type { DomainContext } from '../domain.ts'
import { ApiError, notFound } from '../errors.ts'
import type { TokenCipher } from '../oauth/crypto.ts'
import type { CompletedGrant } from '../oauth/flow.ts'
import { UniqueViolation } from '../storage/database.ts'
import { afterVerified, deleteIdentification } from './identifiers.ts'

/** An OAuth outcome the callback reports to the kit instead of a page: the code goes into the redirect. */
export class OAuthOutcomeError extends Error {
  constructor(readonly code: Extract<ErrorCode, 'external_account_exists' | 'external_account_not_found' | 'external_account_mismatch'>) {
    super(code)
    this.name = 'OAuthOutcomeError'
  }
}

/** What the callback knows when it stores a completed grant. */
export interface LinkRequest {
  userId: string
  /** The provider key (`github`, `dev_oidc` …). */
  provider: string
  /** The `eac_…` id chosen when the flow started (the account to reauthorize, or the new one's). */
  externalAccountId: string
  reauthorize: boolean
  grant: CompletedGrant
  cipher: TokenCipher
}

/**
 * The user's identification for a provider-verified email: theirs already, a new one (verified
 * `from_oauth_<provider>`, owned by the account), or none when another user has that address.
 */
async function linkEmail(tx: WriteTx, userId: string, provider: string, email: string): Promise<{ id: string; owned: boolean } | null> {
  const found = await tx.identifications.findByValue('email_address', email)
  if (found) return found.userId === userId ? { id: found.id, owned: false } : null
  const created = await tx.identifications.create(userId, 'email_address', email, `from_oauth_${provider}`)
  await afterVerified(tx, created)
  return { id: created.id, owned: true }
}

/** Connecting and disconnecting a user's OAuth accounts. */
export function externalAccountsDomain(ctx: DomainContext) {
  return {
    /**
     * Stores a completed grant, in one transaction: a new account (with the provider's verified email
     * added to the user when nobody has it), or fresh scopes and tokens on the account it already is.
     * A provider account that belongs to someone else ends with `external_account_exists`, nothing linked.
     */
    async link(request: LinkRequest): Promise<void> {
      const { grant, cipher, userId, provider } = request
      const profile = grant.profile
      const write = {
        emailAddress: profile.email ?? '',
        emailAddressVerified: profile.emailVerified,
        firstName: profile.firstName,
        lastName: profile.lastName,
        username: profile.username,
        imageUrl: profile.imageUrl,
        approvedScopes: grant.scopes.join(' '),
        accessToken: await cipher.encrypt(grant.accessToken),
        refreshToken: grant.refreshToken ? await cipher.encrypt(grant.refreshToken) : null,
        tokenExpiresAt: grant.expiresAt,
      }
      try {
        await ctx.write(async (tx) => {
          const existing = await tx.externalAccounts.findByProviderUser(provider, profile.id)
          if (existing && existing.userId !== userId) throw new OAuthOutcomeError('external_account_exists')
          tx.changed('user.updated', userId)
          if (request.reauthorize) {
            const target = await tx.externalAccounts.getForUser(userId, request.externalAccountId)
            if (!target) throw new OAuthOutcomeError('external_account_not_found')
            // Consenting as a different provider user must not swap the account under the user's feet.
            if (target.providerUserId !== profile.id) throw new OAuthOutcomeError('external_account_mismatch')
            return tx.externalAccounts.update(target.id, write)
          }
          if (existing) return tx.externalAccounts.update(existing.id, write)
          const email = profile.email && profile.emailVerified === true ? await linkEmail(tx, userId, provider, profile.email) : null
          await tx.externalAccounts.insert({
            ...write,
            id: request.externalAccountId,
            userId,
            provider,
            providerUserId: profile.id,
            identificationId: email?.id ?? null,
            ownedIdentification: email?.owned ?? false,
          })
        })
      } catch (error) {
        // Two callbacks racing for one provider account (or its email): the unique indexes decide.
        if (error instanceof UniqueViolation) throw new OAuthOutcomeError('external_account_exists')
        throw error
      }
    },

    /**
     * Disconnects one of the user's accounts. The email it brought goes with it, unless that would
     * leave the user without a verified email address: then nothing changes and the answer is a 422.
     */
    async unlink(userId: string, accountId: string): Promise<void> {
      await ctx.write(async (tx) => {
        const account = await tx.externalAccounts.getForUser(userId, accountId)
        if (!account) throw notFound('external account')
        if (account.ownedIdentification && account.identificationId) {
          const emails = await tx.identifications.list(userId, 'email_address')
          const brought = emails.find((idn) => idn.id === account.identificationId)
          if (brought && !emails.some((idn) => idn.id !== brought.id && idn.verificationStatus === 'verified')) {
            throw new ApiError(422, 'form_identification_needed', 'A verified email address is required', {
              longMessage: 'This account brought your only verified email address. Add and verify another email address first.',
            })
          }
          if (brought) await deleteIdentification(tx, brought, emails)
        }
        await tx.externalAccounts.remove(account.id)
        tx.changed('user.updated', userId)
      })
    },
  }
}
