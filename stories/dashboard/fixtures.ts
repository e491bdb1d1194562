import type { BapiSession, BapiUser } from '../../dashboard/src/types.ts'

const T0 = Date.UTC(2026, 0, 15, 9, 30)
let count = 0

/** A Backend API user as the dashboard receives it; override what the story or test is about. */
export function bapiUser(overrides: Partial<BapiUser> = {}): BapiUser {
  count += 1
  const n = count
  const emailId = `idn_email${n}`
  return {
    id: `user_${String(n).padStart(4, '0')}`,
    object: 'user',
    username: `user${n}`,
    first_name: 'Ada',
    last_name: `Lovelace ${n}`,
    image_url: null,
    has_image: false,
    primary_email_address_id: emailId,
    primary_phone_number_id: null,
    email_addresses: [
      { id: emailId, object: 'email_address', email_address: `ada${n}@example.com`, verification: { status: 'verified', strategy: 'admin' } },
    ],
    phone_numbers: [],
    external_accounts: [],
    public_metadata: {},
    private_metadata: {},
    banned: false,
    last_sign_in_at: T0 + n * 3_600_000,
    last_active_at: T0 + n * 3_600_000,
    created_at: T0 - n * 86_400_000,
    updated_at: T0,
    ...overrides,
  }
}

/** `n` distinct users. */
export const manyUsers = (n: number) => Array.from({ length: n }, () => bapiUser())

/** A fully filled user: two emails (one unverified), a phone, a Google account, metadata. */
export function richUser(overrides: Partial<BapiUser> = {}): BapiUser {
  return bapiUser({
    id: 'user_2rich',
    username: 'grace',
    first_name: 'Grace',
    last_name: 'Hopper',
    primary_email_address_id: 'idn_grace1',
    primary_phone_number_id: 'idn_gracephone',
    email_addresses: [
      { id: 'idn_grace1', object: 'email_address', email_address: 'grace@example.com', verification: { status: 'verified', strategy: 'email_code' } },
      { id: 'idn_grace2', object: 'email_address', email_address: 'g.hopper@navy.example', verification: { status: 'unverified', strategy: null } },
    ],
    phone_numbers: [
      { id: 'idn_gracephone', object: 'phone_number', phone_number: '+15555550100', verification: { status: 'verified', strategy: 'phone_code' } },
    ],
    external_accounts: [{ id: 'eac_google', object: 'external_account', provider: 'oauth_google', email_address: 'grace@gmail.example' }],
    public_metadata: { plan: 'pro', seats: 3 },
    private_metadata: { stripe_customer: 'cus_123' },
    ...overrides,
  })
}

/** An active session of `userId`. */
export function bapiSession(userId: string, n = 1): BapiSession {
  return {
    id: `sess_${userId.slice(5)}${n}`,
    object: 'session',
    user_id: userId,
    client_id: `client_${n}`,
    status: 'active',
    last_active_at: T0 + n * 60_000,
    expire_at: T0 + 7 * 86_400_000,
    created_at: T0 - n * 3_600_000,
  }
}
