import type { BackendUserJSON } from '../../src/wire/index.ts'

/** The user's primary email address, or `null`. */
export function primaryEmail(user: BackendUserJSON): string | null {
  return user.email_addresses.find((e) => e.id === user.primary_email_address_id)?.email_address ?? user.email_addresses[0]?.email_address ?? null
}

/** The user's primary phone number, or `null`. */
export function primaryPhone(user: BackendUserJSON): string | null {
  return user.phone_numbers.find((p) => p.id === user.primary_phone_number_id)?.phone_number ?? user.phone_numbers[0]?.phone_number ?? null
}

/** The full name, if any part is set. */
export function fullName(user: BackendUserJSON): string | null {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || null
}

/** What names the user to an operator: name, else email, phone, username, id. */
export function displayName(user: BackendUserJSON): string {
  return fullName(user) ?? primaryEmail(user) ?? primaryPhone(user) ?? user.username ?? user.id
}

/** What an operator types to confirm deleting the user: an identifier, not the name (names repeat). */
export function confirmationText(user: BackendUserJSON): string {
  return primaryEmail(user) ?? user.username ?? primaryPhone(user) ?? user.id
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' })

/** A timestamp (Unix ms) for people, in the browser's time zone. */
export function formatDate(ms: number): string {
  return dateTime.format(new Date(ms))
}
