import type { User } from '../api/types.ts'

/*
 * Optimistic edits of the cached user for the identification hooks. They only guess: the server's
 * answer replaces the guess, and an error restores the snapshot (useUserkitMutation).
 */

/** The user with `id` as the primary email address (when the user has it). */
export function withPrimaryEmail(user: User, id: string): User {
  const primary = user.emailAddresses.find((e) => e.id === id)
  return primary ? { ...user, primaryEmailAddressId: id, primaryEmailAddress: primary } : user
}

/** The user with `id` as the primary phone number (when the user has it). */
export function withPrimaryPhone(user: User, id: string): User {
  const primary = user.phoneNumbers.find((p) => p.id === id)
  return primary ? { ...user, primaryPhoneNumberId: id, primaryPhoneNumber: primary } : user
}

/** The user without the email address `id`. */
export function withoutEmail(user: User, id: string): User {
  return { ...user, emailAddresses: user.emailAddresses.filter((e) => e.id !== id) }
}

/** The user without the phone number `id`. */
export function withoutPhone(user: User, id: string): User {
  return { ...user, phoneNumbers: user.phoneNumbers.filter((p) => p.id !== id) }
}
