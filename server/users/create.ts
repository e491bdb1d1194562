import type { DomainContext } from '../domain.ts'
import type { Metadata } from '../storage/users.ts'
import { afterVerified, normalizeIdentifier } from './identifiers.ts'
import { checkMetadataSize, checkPassword, cleanName, cleanUsername, taken, unlessTaken } from './rules.ts'

/**
 * A user to create: the Backend API's `POST /v1/users`, the dashboard's form, the demo user, tests
 * and stories. Every field is optional, as in Clerk's API.
 */
export interface CreateUserInput extends Metadata {
  /** An email address, stored verified and made primary (before `emailAddresses`). */
  email?: string
  /** Email addresses, stored verified; the first becomes primary when `email` is not given. */
  emailAddresses?: readonly string[]
  /** Phone numbers (E.164, or national numbers of the default country), stored verified; the first becomes primary. */
  phoneNumbers?: readonly string[]
  /** Hashed with the server's hasher; omit (or `null`) for a user without a password. */
  password?: string | null
  /** Accept any non-empty password (migrating users whose passwords followed other rules). */
  skipPasswordChecks?: boolean
  firstName?: string | null
  lastName?: string | null
  username?: string | null
  externalId?: string | null
  /** Backdates the user (Unix ms), for migrations. Default: now. */
  createdAt?: number
}

/** Creating users: one rule for every way a user comes to exist. */
export function createUserDomain(ctx: DomainContext) {
  return {
    /**
     * Creates a user: every rule checked before anything is written (identifier formats, username,
     * password, metadata size, no identifier twice), then one transaction, so a taken phone number
     * cannot leave the user and its emails behind. Answers the new user's id.
     */
    async create(input: CreateUserInput): Promise<string> {
      const emails = [...(input.email ? [input.email] : []), ...(input.emailAddresses ?? [])].map((e) =>
        normalizeIdentifier(ctx, 'email_address', e),
      )
      const phones = (input.phoneNumbers ?? []).map((p) => normalizeIdentifier(ctx, 'phone_number', p))
      const lower = emails.map((e) => e.toLowerCase())
      if (new Set(lower).size !== lower.length) throw taken('email_address')
      if (new Set(phones).size !== phones.length) throw taken('phone_number')
      const username = cleanUsername(input.username ?? null)
      const password = input.password ?? null
      if (password !== null) checkPassword(password, input.skipPasswordChecks)
      const metadata = { publicMetadata: input.publicMetadata, privateMetadata: input.privateMetadata, unsafeMetadata: input.unsafeMetadata }
      checkMetadataSize(metadata)
      const passwordHash = password === null ? null : await ctx.hasher.hash(password)

      return ctx.write(async (tx) => {
        const id = await unlessTaken(() =>
          tx.users.create({
            username,
            firstName: cleanName(input.firstName) ?? null,
            lastName: cleanName(input.lastName) ?? null,
            externalId: input.externalId ?? null,
            passwordHash,
            createdAt: input.createdAt,
            ...metadata,
          }),
        )
        for (const [type, values] of [['email_address', emails], ['phone_number', phones]] as const) {
          for (const value of values) {
            const created = await unlessTaken(() => tx.identifications.create(id, type, value, 'admin'))
            await afterVerified(tx, created)
          }
        }
        tx.changed('user.created', id)
        return id
      })
    },
  }
}
