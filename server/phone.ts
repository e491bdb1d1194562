import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'
import { ApiError } from './errors.ts'

/**
 * Phone numbers on the server: parsed with libphonenumber-js's full ("max") metadata, which knows
 * each country's valid ranges, and stored in E.164. The server's parse is the truth; the kit only
 * formats as the user types.
 */

/** Longest input accepted before parsing (formatting characters included). */
const MAX_INPUT_LENGTH = 64

/** Whether `country` is an ISO 3166-1 alpha-2 code libphonenumber-js knows (`'US'`, `'GB'` …). */
export function isPhoneCountry(country: string): country is CountryCode {
  return /^[A-Z]{2}$/.test(country) && isSupportedCountry(country)
}

/**
 * `input` in E.164 (`+14155550123`), reading numbers without a leading `+` as national numbers of
 * `defaultCountry`. Throws 422 `form_param_format_invalid` (param `phone_number`) for anything that
 * is not a valid, dialable number.
 */
export function toE164(input: string, defaultCountry: string, param = 'phone_number'): string {
  const text = input.trim()
  const parsed =
    text.length > 0 && text.length <= MAX_INPUT_LENGTH && /^[+\d\s().\-/]+$/.test(text)
      ? parsePhoneNumberFromString(text, isPhoneCountry(defaultCountry) ? defaultCountry : undefined)
      : undefined
  if (!parsed || !parsed.isValid()) {
    throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
      longMessage: `${param} must be a valid phone number in international format (e.g. +14155550123).`,
      param,
    })
  }
  return parsed.number
}
