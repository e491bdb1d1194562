import type { Queryable } from './database.ts'

/** What the Backend API's user list and count filter by (Clerk's filters, parsed by the route). */
export interface UserFilter {
  emailAddresses?: readonly string[]
  phoneNumbers?: readonly string[]
  externalIds?: readonly string[]
  usernames?: readonly string[]
  userIds?: readonly string[]
  /** A filter userkit cannot satisfy (wallets, organizations …): nobody matches. */
  matchesNothing?: boolean
  /** Matches id, names, username, external id and any identification, case-insensitively. */
  query?: string
  emailAddressQuery?: string
  phoneNumberQuery?: string
  usernameQuery?: string
  nameQuery?: string
  banned?: boolean
  createdAtBefore?: number
  createdAtAfter?: number
  lastActiveAtBefore?: number
  lastActiveAtAfter?: number
  lastActiveAtSince?: number
  lastSignInAtBefore?: number
  lastSignInAtAfter?: number
}

/** The columns the list can be ordered by (`order_by`). */
export const USER_ORDER_COLUMNS = ['created_at', 'updated_at', 'last_sign_in_at', 'last_active_at', 'username', 'first_name', 'last_name'] as const

export interface UserOrder {
  column: (typeof USER_ORDER_COLUMNS)[number]
  direction: 'asc' | 'desc'
}

const ORDER_SQL: Record<UserOrder['column'], string> = {
  created_at: 'u.created_at',
  updated_at: 'u.updated_at',
  last_sign_in_at: 'u.last_sign_in_at',
  last_active_at: 'u.last_active_at',
  username: 'lower(u.username)',
  first_name: 'lower(u.first_name)',
  last_name: 'lower(u.last_name)',
}

/** A WHERE clause with its `$n` parameters. */
interface SqlFilter {
  where: string
  params: unknown[]
}

/** `%`, `_` and `\` are literal in a search term. */
const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const RANGES: [keyof UserFilter, string, string][] = [
  ['createdAtBefore', 'u.created_at', '<'],
  ['createdAtAfter', 'u.created_at', '>'],
  ['lastActiveAtBefore', 'u.last_active_at', '<'],
  ['lastActiveAtAfter', 'u.last_active_at', '>'],
  ['lastActiveAtSince', 'u.last_active_at', '>='],
  ['lastSignInAtBefore', 'u.last_sign_in_at', '<'],
  ['lastSignInAtAfter', 'u.last_sign_in_at', '>'],
]

function filterSql(f: UserFilter): SqlFilter {
  const where: string[] = []
  const params: unknown[] = []
  const p = (value: unknown) => `$${params.push(value)}`
  const idn = (type: string, cond: string) => `u.id IN (SELECT user_id FROM identifications WHERE type = '${type}' AND ${cond})`

  if (f.emailAddresses) where.push(idn('email_address', `lower(value) = ANY(${p(f.emailAddresses.map((e) => e.toLowerCase()))}::text[])`))
  if (f.phoneNumbers) where.push(idn('phone_number', `value = ANY(${p(f.phoneNumbers)}::text[])`))
  if (f.externalIds) where.push(`u.external_id = ANY(${p(f.externalIds)}::text[])`)
  if (f.usernames) where.push(`lower(u.username) = ANY(${p(f.usernames.map((u) => u.toLowerCase()))}::text[])`)
  if (f.userIds) where.push(`u.id = ANY(${p(f.userIds)}::text[])`)
  if (f.matchesNothing) where.push('false')
  if (f.query) {
    const term = p(like(f.query))
    where.push(
      `(u.id ILIKE ${term} OR u.username ILIKE ${term} OR u.first_name ILIKE ${term} OR u.last_name ILIKE ${term}
        OR u.external_id ILIKE ${term} OR (coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) ILIKE ${term}
        OR u.id IN (SELECT user_id FROM identifications WHERE value ILIKE ${term}))`,
    )
  }
  if (f.emailAddressQuery) where.push(idn('email_address', `value ILIKE ${p(like(f.emailAddressQuery))}`))
  if (f.phoneNumberQuery) where.push(idn('phone_number', `value ILIKE ${p(like(f.phoneNumberQuery))}`))
  if (f.usernameQuery) where.push(`u.username ILIKE ${p(like(f.usernameQuery))}`)
  if (f.nameQuery) where.push(`(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) ILIKE ${p(like(f.nameQuery))}`)
  if (f.banned !== undefined) where.push(`u.banned = ${p(f.banned)}`)
  for (const [key, column, op] of RANGES) {
    if (f[key] !== undefined) where.push(`${column} ${op} ${p(f[key])}`)
  }
  return { where: where.length > 0 ? where.join(' AND ') : 'true', params }
}

/** A page of user ids. Users who never signed in sort last either way; the id breaks ties so pages never overlap. */
export async function listUserIds(
  q: Queryable,
  filter: UserFilter,
  order: UserOrder,
  page: { limit: number; offset: number },
): Promise<string[]> {
  const { where, params } = filterSql(filter)
  const dir = order.direction === 'asc' ? 'ASC' : 'DESC'
  const n = params.length
  const { rows } = await q.query<{ id: string }>(
    `SELECT u.id FROM users u WHERE ${where} ORDER BY ${ORDER_SQL[order.column]} ${dir} NULLS LAST, u.id ${dir}
     LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...params, page.limit, page.offset],
  )
  return rows.map((r) => r.id)
}

/** How many users match. */
export async function countUsers(q: Queryable, filter: UserFilter): Promise<number> {
  const { where, params } = filterSql(filter)
  const { rows } = await q.query<{ n: unknown }>(`SELECT count(*) AS n FROM users u WHERE ${where}`, params)
  return Number(rows[0]?.n ?? 0)
}
