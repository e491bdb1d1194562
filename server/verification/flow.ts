import type { DomainContext } from '../domain.ts'
import { renderVerificationMessage } from '../delivery/messages.ts'
import type { Channel, OutgoingMessage } from '../delivery/types.ts'
import { ApiError, notFound } from '../errors.ts'
import { randomBase62, randomToken } from '../ids.ts'
import { consume } from '../limits.ts'
import type { IdentificationType, LinkOutcome } from '../storage/identifications.ts'
import type { IdentificationRecord } from '../storage/records.ts'
import { afterVerified } from '../users/identifiers.ts'
import { noun } from '../users/rules.ts'
import { codeMatches, generateCode, hashCode, hashToken, VERIFICATION, verificationKey } from './codes.ts'
import { senderFor } from './delivery.ts'
import { allowedRedirect } from './redirect.ts'

/** What `prepare_verification` asked for, after schema validation. */
export interface PrepareRequest {
  strategy: 'email_code' | 'email_link' | 'phone_code'
  redirectUrl: string | undefined
  /** The origin the browser used: the link points there, and a relative `redirect_url` resolves against it. */
  origin: string
}

const channelOf = (type: IdentificationType): Channel => (type === 'email_address' ? 'email' : 'sms')

/** What a code attempt came to, decided inside the transaction and reported after it commits. */
type AttemptOutcome = 'not_found' | 'verified' | 'missing' | 'failed' | 'expired' | 'incorrect'

/** Verifying the signed-in user's email addresses and phone numbers by code or link. */
export function verificationDomain(ctx: DomainContext) {
  const { store, options, write } = ctx

  return {
    /**
     * Starts a verification: checks the request, counts it per address and per user (429 with
     * Retry-After past either), stores a fresh hashed code or link token (replacing any earlier one,
     * attempts back to 0) and sends the message.
     */
    async prepare(userId: string, type: IdentificationType, id: string, request: PrepareRequest): Promise<IdentificationRecord> {
      const { now, allowedOrigins, rateLimits, applicationName, messages } = options
      const idn = await store.identifications.get(userId, type, id)
      if (!idn) throw notFound(noun(type))
      if (idn.verificationStatus === 'verified') {
        throw new ApiError(422, 'verification_already_verified', 'This is already verified.', {
          longMessage: 'This identifier is already verified; there is nothing to prepare.',
        })
      }
      let redirectUrl: string | null = null
      if (request.strategy === 'email_link' && request.redirectUrl !== undefined) {
        redirectUrl = allowedRedirect(request.redirectUrl, request.origin, allowedOrigins)
        if (redirectUrl === null) {
          throw new ApiError(422, 'form_param_value_invalid', 'is not allowed', {
            longMessage: 'redirect_url must be on this server or on one of its allowed origins.',
            param: 'redirect_url',
          })
        }
      }
      const sender = senderFor(ctx, channelOf(type))
      if (!sender) {
        throw new ApiError(422, 'strategy_for_user_invalid', 'This verification strategy is not available.', {
          longMessage: 'The server has no way to send this kind of message.',
          param: 'strategy',
        })
      }
      // Per address (no inbox gets flooded) and per user (no account floods many inboxes).
      await consume(
        store.rateLimits,
        now,
        [
          [`verify:prepare:${type}:${idn.value.toLowerCase()}`, rateLimits.verificationPreparePerIdentifier],
          [`verify:prepare:user:${userId}`, rateLimits.verificationPreparePerUser],
        ],
        'verification messages',
      )

      const expireAt = now() + VERIFICATION.ttlMs
      const base = { channel: channelOf(type), to: idn.value, appName: applicationName, minutes: VERIFICATION.ttlMs / 60_000 }
      let message: OutgoingMessage
      let secrets: { codeHash: string | null; tokenHash: string | null }
      if (request.strategy === 'email_link') {
        const token = randomToken()
        message = renderVerificationMessage(messages, { ...base, link: `${request.origin}/v1/verify?token=${token}` })
        secrets = { codeHash: null, tokenHash: hashToken(token) }
      } else {
        const code = generateCode()
        message = renderVerificationMessage(messages, { ...base, code })
        secrets = { codeHash: await hashCode(await verificationKey(store.settings), id, code), tokenHash: null }
      }
      const updated = await write(async (tx) => {
        const prepared = await tx.identifications.prepare(userId, type, id, { strategy: request.strategy, ...secrets, expireAt, redirectUrl })
        if (prepared) {
          tx.sent(`${message.channel === 'email' ? 'ema' : 'sms'}_${randomBase62(27)}`, {
            channel: message.channel,
            slug: request.strategy === 'email_link' ? 'verification_link' : 'verification_code',
            to: message.to,
            subject: message.subject,
            text: message.text,
            userId,
            identificationId: id,
            deliveredByServer: true,
          })
        }
        return prepared
      })
      if (!updated) throw notFound(noun(type))
      try {
        await sender.send(message)
      } catch (error) {
        console.error(`userkit: could not send the ${message.channel} verification message`, error)
        throw new ApiError(502, 'message_delivery_failed', 'The message could not be sent.', {
          longMessage: 'The server could not send the verification message. Try again in a moment.',
        })
      }
      return updated
    },

    /**
     * Checks a code against the pending verification. The row is locked for the check, and the
     * attempt count is committed before a wrong code is reported, so parallel guesses cannot exceed
     * the limit. Wrong: 422 `form_code_incorrect`; after 5 wrong, 422 `verification_failed` until a
     * new code is prepared; too late: 422 `verification_expired`. An already verified one answers as is.
     */
    async attempt(userId: string, type: IdentificationType, id: string, code: string): Promise<IdentificationRecord> {
      const { now } = options
      const key = await verificationKey(store.settings)
      const outcome = await write(async (tx): Promise<AttemptOutcome> => {
        const pending = await tx.identifications.lockPending(userId, type, id)
        if (!pending) return 'not_found'
        const idn = pending.record
        if (idn.verificationStatus === 'verified') return 'verified'
        if (idn.verificationStatus === 'failed' || idn.verificationAttempts >= VERIFICATION.maxAttempts) return 'failed'
        if (idn.verificationStatus === 'expired') return 'expired'
        if (!pending.codeHash || idn.verificationExpireAt === null) return 'missing'
        if (now() >= idn.verificationExpireAt) {
          await tx.identifications.markExpired(id)
          return 'expired'
        }
        if (await codeMatches(key, id, code, pending.codeHash)) {
          await tx.identifications.markVerified(id)
          await afterVerified(tx, idn)
          return 'verified'
        }
        const attempts = idn.verificationAttempts + 1
        await tx.identifications.recordAttempt(id, attempts, attempts >= VERIFICATION.maxAttempts ? 'failed' : 'unverified')
        return 'incorrect'
      })
      switch (outcome) {
        case 'not_found':
          throw notFound(noun(type))
        case 'missing':
          throw new ApiError(422, 'verification_missing', 'No code was sent.', { longMessage: 'Ask for a verification code first.' })
        case 'failed':
          throw new ApiError(422, 'verification_failed', 'Too many failed attempts.', {
            longMessage: 'Too many wrong codes. Ask for a new code and try again.',
          })
        case 'expired':
          throw new ApiError(422, 'verification_expired', 'This code has expired.', {
            longMessage: 'This verification code has expired. Ask for a new one.',
          })
        case 'incorrect':
          throw new ApiError(422, 'form_code_incorrect', 'Incorrect code', {
            longMessage: 'The code is incorrect. Check it and try again.',
            param: 'code',
          })
        case 'verified':
          return (await store.identifications.get(userId, type, id)) as IdentificationRecord
      }
    },

    /** Opens an email link (single use, atomic): the address is verified if in time; `null` for an unknown or used token. */
    async openLink(token: string): Promise<LinkOutcome | null> {
      const tokenHash = hashToken(token)
      return write(async (tx) => {
        const outcome = await tx.identifications.consumeLink(tokenHash)
        if (outcome?.status === 'verified') await afterVerified(tx, outcome.record)
        return outcome
      })
    },
  }
}
