import { parseDeleted, parseEmailAddress, parsePhoneNumber } from './parse.ts'
import type { DeletedObject, EmailAddress, PhoneNumber, Result } from './types.ts'
import type { DeletedObjectJSON, EmailAddressJSON, PhoneNumberJSON } from '../wire/index.ts'

/** How an email address is verified: a 6-digit code, or a link to open. */
export type EmailVerificationStrategy = 'email_code' | 'email_link'

export interface PrepareEmailVerificationParams {
  /** Default `'email_code'`. */
  strategy?: EmailVerificationStrategy
  /**
   * Where the link sends the browser once opened (`email_link` only); it must be on the server's
   * allowlist of origins. Default: the server's plain confirmation page.
   */
  redirectUrl?: string
}

/**
 * The signed-in user's email addresses and phone numbers (`/v1/me/email_addresses`,
 * `/v1/me/phone_numbers`). Every call answers `{ response, client }`; the client carries the user
 * as it is after the change. The primary ones are chosen with `updateMe({ primaryEmailAddressId })`.
 */
export interface IdentificationCalls {
  /** The user's email addresses (`GET /v1/me/email_addresses`). */
  getEmailAddresses(): Promise<Result<readonly EmailAddress[]>>
  /** One of the user's email addresses; another user's id rejects with a 404 (`GET …/{id}`). */
  getEmailAddress(id: string): Promise<Result<EmailAddress>>
  /** Adds an unverified email address (`POST /v1/me/email_addresses`); a taken one is a 422 `form_identifier_exists`. */
  addEmailAddress(emailAddress: string): Promise<Result<EmailAddress>>
  /** Removes an email address (`DELETE …/{id}`); the primary one and the last verified one cannot be removed. */
  removeEmailAddress(id: string): Promise<Result<DeletedObject>>
  /** Sends a code or a link (`POST …/{id}/prepare_verification`); too often is a 429 with `retryAfter`. */
  prepareEmailVerification(id: string, params?: PrepareEmailVerificationParams): Promise<Result<EmailAddress>>
  /** Checks a code (`POST …/{id}/attempt_verification`): 422 `form_code_incorrect`, `verification_expired` or `verification_failed`. */
  attemptEmailVerification(id: string, code: string): Promise<Result<EmailAddress>>
  /** The user's phone numbers (`GET /v1/me/phone_numbers`). */
  getPhoneNumbers(): Promise<Result<readonly PhoneNumber[]>>
  /** One of the user's phone numbers (`GET …/{id}`). */
  getPhoneNumber(id: string): Promise<Result<PhoneNumber>>
  /** Adds a phone number, E.164 preferred (`POST /v1/me/phone_numbers`); the server's parse is the truth. */
  addPhoneNumber(phoneNumber: string): Promise<Result<PhoneNumber>>
  /** Removes a phone number (`DELETE …/{id}`). */
  removePhoneNumber(id: string): Promise<Result<DeletedObject>>
  /** Sends a code by SMS (`POST …/{id}/prepare_verification`, strategy `phone_code`). */
  preparePhoneVerification(id: string): Promise<Result<PhoneNumber>>
  /** Checks an SMS code (`POST …/{id}/attempt_verification`). */
  attemptPhoneVerification(id: string, code: string): Promise<Result<PhoneNumber>>
}

/** Sends one Frontend API request and parses its `{ response, client }` envelope. */
export type SendEnvelope = <W, T>(parse: (json: W) => T, method: string, path: string, body?: object) => Promise<Result<T>>

const list =
  <W, T>(parse: (json: W) => T) =>
  (json: W[]): readonly T[] =>
    Object.freeze(json.map(parse))

/** The identification calls over a client's envelope sender; merged into `createUserkitClient()`. */
export function identificationCalls(send: SendEnvelope): IdentificationCalls {
  const emails = '/v1/me/email_addresses'
  const phones = '/v1/me/phone_numbers'
  const at = (base: string, id: string, rest = '') => `${base}/${encodeURIComponent(id)}${rest}`
  const email = (method: string, path: string, body?: object) =>
    send<EmailAddressJSON, EmailAddress>(parseEmailAddress, method, path, body)
  const phone = (method: string, path: string, body?: object) =>
    send<PhoneNumberJSON, PhoneNumber>(parsePhoneNumber, method, path, body)
  const deleted = (path: string) => send<DeletedObjectJSON, DeletedObject>(parseDeleted, 'DELETE', path)
  return {
    getEmailAddresses: () => send(list(parseEmailAddress), 'GET', emails),
    getEmailAddress: (id) => email('GET', at(emails, id)),
    addEmailAddress: (emailAddress) => email('POST', emails, { email_address: emailAddress }),
    removeEmailAddress: (id) => deleted(at(emails, id)),
    prepareEmailVerification: (id, { strategy = 'email_code', redirectUrl } = {}) =>
      email('POST', at(emails, id, '/prepare_verification'), {
        strategy,
        ...(redirectUrl === undefined ? {} : { redirect_url: redirectUrl }),
      }),
    attemptEmailVerification: (id, code) => email('POST', at(emails, id, '/attempt_verification'), { code }),
    getPhoneNumbers: () => send(list(parsePhoneNumber), 'GET', phones),
    getPhoneNumber: (id) => phone('GET', at(phones, id)),
    addPhoneNumber: (phoneNumber) => phone('POST', phones, { phone_number: phoneNumber }),
    removePhoneNumber: (id) => deleted(at(phones, id)),
    preparePhoneVerification: (id) => phone('POST', at(phones, id, '/prepare_verification'), { strategy: 'phone_code' }),
    attemptPhoneVerification: (id, code) => phone('POST', at(phones, id, '/attempt_verification'), { code }),
  }
}
