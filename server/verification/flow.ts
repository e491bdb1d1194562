import type { Context } from 'hono'
import type { ServerDeps } from '../context.ts'
import { renderVerificationMessage } from '../delivery/messages.ts'
import type { Channel, OutgoingMessage } from '../delivery/types.ts'
import { ApiError, notFound } from '../errors.ts'
import { requestOrigin } from '../http.ts'
import { randomToken } from '../ids.ts'
import { identificationsRepo, type IdentificationType } from '../storage/identifications.ts'
import type { IdentificationRecord } from '../storage/records.ts'
import { codeMatches, generateCode, hashCode, hashToken, VERIFICATION, verificationKey } from './codes.ts'
import { senderFor } from './delivery.ts'
import { allowedRedirect } from './redirect.ts'

/** What `prepare_verification` asked for, after schema validation. */
export interface PrepareRequest {
  strategy: 'email_code' | 'email_link' | 'phone_code'
  redirectUrl: string | undefined
}

const channelOf = (type: IdentificationType): Channel => (type === 'email_address' ? 'email' : 'sms')

/**
 * Starts a verification of the user's identification: checks the request, counts it against the
 * per-identifier limit (429 with Retry-After past it), stores a fresh hashed code or link token
 * (replacing any earlier one, attempts back to 0) and sends the message.
 */
export async function prepareVerification(
  c: Context,
  deps: ServerDeps,
  userId: string,
  type: IdentificationType,
  id: string,
  request: PrepareRequest,
): Promise<IdentificationRecord> {
  const { now, allowedOrigins, rateLimits, applicationName, messages } = deps.options
  const repo = identificationsRepo(deps.store.db, now)
  const idn = await repo.get(userId, type, id)
  if (!idn) throw notFound(type === 'email_address' ? 'email address' : 'phone number')
  if (idn.verificationStatus === 'verified') {
    throw new ApiError(422, 'verification_already_verified', 'This is already verified.', {
      longMessage: 'This identifier is already verified; there is nothing to prepare.',
    })
  }
  const origin = requestOrigin(c.req.raw)
  let redirectUrl: string | null = null
  if (request.strategy === 'email_link' && request.redirectUrl !== undefined) {
    redirectUrl = allowedRedirect(request.redirectUrl, origin, allowedOrigins)
    if (redirectUrl === null) {
      throw new ApiError(422, 'form_param_value_invalid', 'is not allowed', {
        longMessage: 'redirect_url must be on this server or on one of its allowed origins.',
        param: 'redirect_url',
      })
    }
  }
  const sender = senderFor(deps, channelOf(type))
  if (!sender) {
    throw new ApiError(422, 'strategy_for_user_invalid', 'This verification strategy is not available.', {
      longMessage: 'The server has no way to send this kind of message.',
      param: 'strategy',
    })
  }

  // Counted before anything is sent, atomically, so parallel requests cannot slip past the limit.
  // Per address (no inbox gets flooded) and per user (no account floods many inboxes).
  let retryAt = 0
  for (const [key, rule] of [
    [`verify:prepare:${type}:${idn.value.toLowerCase()}`, rateLimits.verificationPreparePerIdentifier],
    [`verify:prepare:user:${userId}`, rateLimits.verificationPreparePerUser],
  ] as const) {
    const { count, resetAt } = await deps.store.rateLimits.hit(key, rule.windowMs)
    if (count > rule.max) retryAt = Math.max(retryAt, resetAt)
  }
  if (retryAt > 0) {
    const seconds = Math.max(1, Math.ceil((retryAt - now()) / 1000))
    throw new ApiError(429, 'too_many_requests', 'Too many requests. Please try again later.', {
      longMessage: `Too many verification messages. Try again in ${seconds} seconds.`,
      headers: { 'Retry-After': String(seconds) },
    })
  }

  const expireAt = now() + VERIFICATION.ttlMs
  const minutes = VERIFICATION.ttlMs / 60_000
  const base = { channel: channelOf(type), to: idn.value, appName: applicationName, minutes }
  let message: OutgoingMessage
  let updated: IdentificationRecord | null
  if (request.strategy === 'email_link') {
    const token = randomToken()
    const link = `${origin}/v1/verify?token=${token}`
    updated = await repo.prepare(userId, type, id, { strategy: 'email_link', codeHash: null, tokenHash: await hashToken(token), expireAt, redirectUrl })
    message = renderVerificationMessage(messages, { ...base, link })
  } else {
    const code = generateCode()
    const codeHash = await hashCode(await verificationKey(deps.store.settings), id, code)
    updated = await repo.prepare(userId, type, id, { strategy: request.strategy, codeHash, tokenHash: null, expireAt, redirectUrl: null })
    message = renderVerificationMessage(messages, { ...base, code })
  }
  if (!updated) throw notFound()
  try {
    await sender.send(message)
  } catch (error) {
    console.error(`userkit: could not send the ${message.channel} verification message`, error)
    throw new ApiError(502, 'message_delivery_failed', 'The message could not be sent.', {
      longMessage: 'The server could not send the verification message. Try again in a moment.',
    })
  }
  return updated
}

/** What a code attempt came to, decided inside the transaction and reported after it commits. */
type AttemptOutcome = 'not_found' | 'verified' | 'missing' | 'failed' | 'expired' | 'incorrect'

/**
 * Checks a code against the pending verification. The row is locked for the check, and the
 * attempt count is committed before a wrong code is reported, so parallel guesses cannot exceed
 * the limit. Wrong: 422 `form_code_incorrect`; after 5 wrong, 422 `verification_failed` until a new
 * code is prepared; too late: 422 `verification_expired`. An already verified one answers as is.
 */
export async function attemptVerification(
  deps: ServerDeps,
  userId: string,
  type: IdentificationType,
  id: string,
  code: string,
): Promise<IdentificationRecord> {
  const { now } = deps.options
  const key = await verificationKey(deps.store.settings)
  const outcome = await deps.store.db.transaction(async (tx): Promise<AttemptOutcome> => {
    const repo = identificationsRepo(tx, now)
    const pending = await repo.lockPending(userId, type, id)
    if (!pending) return 'not_found'
    const idn = pending.record
    if (idn.verificationStatus === 'verified') return 'verified'
    if (idn.verificationStatus === 'failed' || idn.verificationAttempts >= VERIFICATION.maxAttempts) return 'failed'
    if (idn.verificationStatus === 'expired') return 'expired'
    if (!pending.codeHash || idn.verificationExpireAt === null) return 'missing'
    if (now() >= idn.verificationExpireAt) {
      await repo.markExpired(id)
      return 'expired'
    }
    if (await codeMatches(key, id, code, pending.codeHash)) {
      await repo.markVerified(id)
      return 'verified'
    }
    const attempts = idn.verificationAttempts + 1
    await repo.recordAttempt(id, attempts, attempts >= VERIFICATION.maxAttempts ? 'failed' : 'unverified')
    return 'incorrect'
  })
  switch (outcome) {
    case 'not_found':
      throw notFound(type === 'email_address' ? 'email address' : 'phone number')
    case 'missing':
      throw new ApiError(422, 'verification_missing', 'No code was sent.', {
        longMessage: 'Ask for a verification code first.',
      })
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
      return (await identificationsRepo(deps.store.db, now).get(userId, type, id)) as IdentificationRecord
  }
}
