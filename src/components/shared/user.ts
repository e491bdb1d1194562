import type { User } from '../../api/types.ts'

/** Email, else phone, else username: the identifier shown under the name. */
export function primaryIdentifier(user: User): string {
  return user.primaryEmailAddress?.emailAddress ?? user.primaryPhoneNumber?.phoneNumber ?? user.username ?? ''
}

/** The name to show: full name, else the primary identifier. */
export function displayName(user: User): string {
  return user.fullName || primaryIdentifier(user)
}
