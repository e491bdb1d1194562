import { ApiError } from '../errors.ts'
import { pageOf, parseQuery, type ParamKind, type ParsedQuery } from './query.ts'

/** The filters `GET /v1/users` and `GET /v1/users/count` share (Clerk's names). */
const FILTERS: Record<string, ParamKind> = {
  email_address: 'list',
  phone_number: 'list',
  external_id: 'list',
  username: 'list',
  user_id: 'list',
  // userkit has no wallets, organizations or SSO providers: these filters match nobody.
  web3_wallet: 'list',
  organization_id: 'list',
  provider_user_id: 'list',
  provider: 'string',
  query: 'string',
  email_address_query: 'string',
  phone_number_query: 'string',
  username_query: 'string',
  name_query: 'string',
  banned: 'boolean',
  last_active_at_before: 'integer',
  last_active_at_after: 'integer',
  last_active_at_since: 'integer',
  created_at_before: 'integer',
  created_at_after: 'integer',
  last_sign_in_at_before: 'integer',
  last_sign_in_at_after: 'integer',
}

const LIST: Record<string, ParamKind> = { ...FILTERS, limit: 'integer', offset: 'integer', order_by: 'string' }

/** Columns `order_by` may name, with `+` (ascending) or `-` (descending, the default) in front. */
const ORDER_COLUMNS: Record<string, string> = {
  created_at: 'u.created_at',
  updated_at: 'u.updated_at',
  last_sign_in_at: 'u.last_sign_in_at',
  last_active_at: 'u.last_active_at',
  username: 'lower(u.username)',
  first_name: 'lower(u.first_name)',
  last_name: 'lower(u.last_name)',
}

/** A WHERE clause with its `$n` parameters. */
export interface SqlFilter {
  where: string
  params: unknown[]
}

/** A page of users: the filter, the ORDER BY and LIMIT/OFFSET. */
export interface UserListQuery extends SqlFilter {
  orderBy: string
  limit: number
  offset: number
}

/** `%`, `_` and `\` are literal in a search term. */
const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

function filterSql(q: ParsedQuery): SqlFilter {
  const where: string[] = []
  const params: unknown[] = []
  const p = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const list = (key: string) => q[key] as string[] | undefined
  const idn = (type: string, cond: string) =>
    `u.id IN (SELECT user_id FROM identifications WHERE type = '${type}' AND ${cond})`

  const emails = list('email_address')
  if (emails) where.push(idn('email_address', `lower(value) = ANY(${p(emails.map((e) => e.toLowerCase()))}::text[])`))
  const phones = list('phone_number')
  if (phones) where.push(idn('phone_number', `value = ANY(${p(phones)}::text[])`))
  const externalIds = list('external_id')
  if (externalIds) where.push(`u.external_id = ANY(${p(externalIds)}::text[])`)
  const usernames = list('username')
  if (usernames) where.push(`lower(u.username) = ANY(${p(usernames.map((u) => u.toLowerCase()))}::text[])`)
  const ids = list('user_id')
  if (ids) where.push(`u.id = ANY(${p(ids)}::text[])`)
  if (list('web3_wallet') || list('organization_id') || list('provider_user_id') || q.provider !== undefined) where.push('false')

  if (q.query !== undefined && q.query !== '') {
    const term = p(like(q.query as string))
    where.push(
      `(u.id ILIKE ${term} OR u.username ILIKE ${term} OR u.first_name ILIKE ${term} OR u.last_name ILIKE ${term}
        OR u.external_id ILIKE ${term} OR (coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) ILIKE ${term}
        OR u.id IN (SELECT user_id FROM identifications WHERE value ILIKE ${term}))`,
    )
  }
  if (q.email_address_query) where.push(idn('email_address', `value ILIKE ${p(like(q.email_address_query as string))}`))
  if (q.phone_number_query) where.push(idn('phone_number', `value ILIKE ${p(like(q.phone_number_query as string))}`))
  if (q.username_query) where.push(`u.username ILIKE ${p(like(q.username_query as string))}`)
  if (q.name_query) {
    where.push(`(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) ILIKE ${p(like(q.name_query as string))}`)
  }
  if (q.banned !== undefined) where.push(`u.banned = ${p(q.banned)}`)
  const range: [string, string, string][] = [
    ['created_at_before', 'u.created_at', '<'],
    ['created_at_after', 'u.created_at', '>'],
    ['last_active_at_before', 'u.last_active_at', '<'],
    ['last_active_at_after', 'u.last_active_at', '>'],
    ['last_active_at_since', 'u.last_active_at', '>='],
    ['last_sign_in_at_before', 'u.last_sign_in_at', '<'],
    ['last_sign_in_at_after', 'u.last_sign_in_at', '>'],
  ]
  for (const [key, column, op] of range) {
    if (q[key] !== undefined) where.push(`${column} ${op} ${p(q[key])}`)
  }
  return { where: where.length > 0 ? where.join(' AND ') : 'true', params }
}

function orderSql(value: string | undefined): string {
  const raw = value ?? '-created_at'
  const match = raw.match(/^([+-]?)([a-z_]+)$/)
  const column = match ? ORDER_COLUMNS[match[2] as string] : undefined
  if (!match || !column) {
    throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
      longMessage: `order_by must be one of ${Object.keys(ORDER_COLUMNS).join(', ')}, optionally prefixed with + or -.`,
      param: 'order_by',
    })
  }
  const dir = match[1] === '+' ? 'ASC' : 'DESC'
  // Users who never signed in sort last either way; the id breaks ties so pages never overlap.
  return `${column} ${dir} NULLS LAST, u.id ${dir}`
}

/** Parses `GET /v1/users`'s query into SQL pieces (throws a 422 on a bad parameter). */
export function userListQuery(url: string): UserListQuery {
  const q = parseQuery(url, LIST)
  return { ...filterSql(q), orderBy: orderSql(q.order_by as string | undefined), ...pageOf(q) }
}

/** Parses `GET /v1/users/count`'s query (the list's filters without paging). */
export function userCountQuery(url: string): SqlFilter {
  return filterSql(parseQuery(url, FILTERS))
}
