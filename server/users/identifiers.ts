import type { WriteTx } from '../changes.ts'
import type { DomainContext } from '../domain.ts'
import { ApiError, formatInvalid, notFound } from '../errors.ts'
import { toE164 } from '../phone.ts'
import type { IdentificationType } from '../storage/identifications.ts'
import type { IdentificationRecord } from '../storage/records.ts'
import { canSend } from '../verification/delivery.ts'
import { type Api, normalizeEmail, noun, unlessTaken } from './rules.ts'

/**
 * A user's email addresses and phone numbers: adding, the operator's verdict, the primary of each
 * kind, removing. "A user who has a verified one of a kind has a primary of that kind" is kept
 * here and only here: when one is verified, and when the primary goes.
 */

/** Who removes an identification: the user (Frontend API) keeps a way to sign in; the operator may remove any. */
export type Remover = 'user' | 'operator'

/** The value as stored: a trimmed email address, or a phone number in E.164. Throws 422 at the type's field. */
export function normalizeIdentifier(ctx: DomainContext, type: IdentificationType, value: string): string {
  return type === 'email_address' ? normalizeEmail(value) : toE164(value, ctx.options.defaultPhoneCountry)
}

/**
 * The rule for a primary: one of the user's own identifications of that type, and verified (a
 * primary is what signs in). The Frontend API answers a foreign or missing id with 404 and an
 * unverified one with `form_param_value_invalid`; the Backend API answers both with `form_param_format_invalid`.
 */
export function checkPrimaryTarget(own: readonly IdentificationRecord[], type: IdentificationType, id: string, api: Api, param: string): void {
  const target = own.find((idn) => idn.id === id && idn.type === type)
  if (target?.verificationStatus === 'verified') return
  if (api === 'backend') throw formatInvalid(param, `${param} must name a verified identifier of this user.`)
  if (!target) throw notFound(noun(type))
  throw new ApiError(422, 'form_param_value_invalid', 'is not verified', {
    longMessage: `Only a verified ${noun(type)} can become primary.`,
    param,
  })
}

/** After an identification became verified (by code, link, operator or provider): the user's first verified one of its type becomes primary. */
export async function afterVerified(tx: WriteTx, idn: Pick<IdentificationRecord, 'id' | 'userId' | 'type'>): Promise<void> {
  await tx.users.setPrimary(idn.userId, idn.type, idn.id, 'if_none')
  tx.changed('user.updated', idn.userId)
}

/** Deletes one of `all` (the user's identifications of its type); a deleted primary is replaced by the oldest other verified one, or none. */
export async function deleteIdentification(tx: WriteTx, target: IdentificationRecord, all: readonly IdentificationRecord[]): Promise<void> {
  await tx.identifications.delete(target.id)
  const next = all.find((idn) => idn.id !== target.id && idn.verificationStatus === 'verified')
  await tx.users.setPrimary(target.userId, target.type, next?.id ?? null, { replacing: target.id })
  tx.changed('user.updated', target.userId)
}

/** The refusals only a user meets: their primary email and their last verified email stay. */
function checkUserMayRemove(target: IdentificationRecord, all: readonly IdentificationRecord[], primaryId: string | null): void {
  if (target.type !== 'email_address') return
  const refuse = (longMessage: string) =>
    new ApiError(422, 'identification_deletion_failed', 'This email address cannot be removed.', { longMessage })
  if (target.id === primaryId) throw refuse('This is your primary email address. Make another verified address primary first.')
  const verified = all.filter((idn) => idn.verificationStatus === 'verified')
  if (target.verificationStatus === 'verified' && verified.length === 1) {
    throw refuse('This is your only verified email address. Verify another one first.')
  }
}

/** The identification operations of the domain. */
export function identifiersDomain(ctx: DomainContext) {
  const { store, write } = ctx

  /** An identification of that type by id, whoever's it is; 404 when there is none. */
  async function find(type: IdentificationType, id: string): Promise<IdentificationRecord> {
    const idn = await store.identifications.find(type, id)
    if (!idn) throw notFound(noun(type))
    return idn
  }

  return {
    find,

    /** The signed-in user adds one, unverified (`POST /v1/me/…`). Phones need a way to send SMS. */
    async add(userId: string, type: IdentificationType, value: string): Promise<IdentificationRecord> {
      if (type === 'phone_number' && !canSend(ctx.options, 'sms')) {
        throw new ApiError(403, 'feature_not_enabled', 'Phone numbers are not enabled.', {
          longMessage: 'This server cannot send SMS, so phone numbers cannot be added.',
        })
      }
      const normalized = normalizeIdentifier(ctx, type, value)
      return write(async (tx) => {
        const created = await unlessTaken(() => tx.identifications.create(userId, type, normalized))
        tx.changed('user.updated', userId)
        return created
      })
    },

    /** The operator adds one (`POST /v1/email_addresses`): verified unless told not, primary when asked or when the user has none. */
    async addForUser(userId: string, type: IdentificationType, value: string, options: { verified: boolean; primary: boolean }) {
      const normalized = normalizeIdentifier(ctx, type, value)
      if (!(await store.users.get(userId))) throw notFound('user')
      return write(async (tx) => {
        const created = await unlessTaken(() => tx.identifications.create(userId, type, normalized, options.verified ? 'admin' : undefined))
        if (options.verified) await afterVerified(tx, created)
        if (options.primary) {
          checkPrimaryTarget([created], type, created.id, 'backend', 'primary')
          await tx.users.setPrimary(userId, type, created.id)
        }
        tx.changed('user.updated', userId)
        return created
      })
    },

    /** The operator marks one verified or unverified, or makes it primary (`PATCH /v1/email_addresses/{id}`). */
    async update(type: IdentificationType, id: string, changes: { verified?: boolean | null; primary?: boolean | null }) {
      const idn = await find(type, id)
      await write(async (tx) => {
        const locked = await tx.users.lock(idn.userId)
        const primaryId = type === 'email_address' ? locked?.primaryEmailAddressId : locked?.primaryPhoneNumberId
        if (changes.verified === false && primaryId === idn.id) {
          throw formatInvalid('verified', 'The primary identifier cannot be marked unverified.')
        }
        if (typeof changes.verified === 'boolean') {
          await tx.identifications.setVerifiedByOperator(idn.id, changes.verified)
          if (changes.verified) await afterVerified(tx, idn)
        }
        if (changes.primary) {
          checkPrimaryTarget(await tx.identifications.list(idn.userId, type), type, idn.id, 'backend', 'primary')
          await tx.users.setPrimary(idn.userId, type, idn.id)
        }
        tx.changed('user.updated', idn.userId)
      })
      return find(type, id)
    },

    /**
     * Removes one. The user's own removal (`userId` given, their id) keeps their primary email and
     * their last verified email; the operator's (`userId` null: any user's) may remove anything.
     */
    async remove(userId: string | null, type: IdentificationType, id: string, by: Remover): Promise<void> {
      const owner = userId ?? (await find(type, id)).userId
      await write(async (tx) => {
        // Locked: two removals at once must not both pass the "another verified one stays" check.
        const locked = await tx.users.lock(owner)
        const all = await tx.identifications.list(owner, type)
        const target = all.find((idn) => idn.id === id)
        if (!locked || !target) throw notFound(noun(type))
        const primaryId = type === 'email_address' ? locked.primaryEmailAddressId : locked.primaryPhoneNumberId
        if (by === 'user') checkUserMayRemove(target, all, primaryId)
        await deleteIdentification(tx, target, all)
      })
    },
  }
}
