import { formatInvalid } from '../../errors.ts'
import { USER_ORDER_COLUMNS, type UserFilter, type UserOrder } from '../../storage/user-list.ts'
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

function filterOf(q: ParsedQuery): UserFilter {
  const list = (key: string) => q[key] as string[] | undefined
  const text = (key: string) => q[key] as string | undefined
  const int = (key: string) => q[key] as number | undefined
  return {
    emailAddresses: list('email_address'),
    phoneNumbers: list('phone_number'),
    externalIds: list('external_id'),
    usernames: list('username'),
    userIds: list('user_id'),
    matchesNothing: Boolean(list('web3_wallet') || list('organization_id') || list('provider_user_id') || q.provider !== undefined),
    query: text('query'),
    emailAddressQuery: text('email_address_query'),
    phoneNumberQuery: text('phone_number_query'),
    usernameQuery: text('username_query'),
    nameQuery: text('name_query'),
    banned: q.banned as boolean | undefined,
    createdAtBefore: int('created_at_before'),
    createdAtAfter: int('created_at_after'),
    lastActiveAtBefore: int('last_active_at_before'),
    lastActiveAtAfter: int('last_active_at_after'),
    lastActiveAtSince: int('last_active_at_since'),
    lastSignInAtBefore: int('last_sign_in_at_before'),
    lastSignInAtAfter: int('last_sign_in_at_after'),
  }
}

/** `order_by`: a column, with `+` (ascending) or `-` (descending, the default) in front. */
function orderOf(value: string | undefined): UserOrder {
  const match = (value ?? '-created_at').match(/^([+-]?)([a-z_]+)$/)
  const column = USER_ORDER_COLUMNS.find((c) => c === match?.[2])
  if (!match || !column) {
    throw formatInvalid('order_by', `order_by must be one of ${USER_ORDER_COLUMNS.join(', ')}, optionally prefixed with + or -.`)
  }
  return { column, direction: match[1] === '+' ? 'asc' : 'desc' }
}

/** Parses `GET /v1/users`'s query (throws a 422 on a bad parameter). */
export function userListQuery(url: string) {
  const q = parseQuery(url, LIST)
  return { filter: filterOf(q), order: orderOf(q.order_by as string | undefined), page: pageOf(q) }
}

/** Parses `GET /v1/users/count`'s query (the list's filters without paging). */
export function userCountQuery(url: string): UserFilter {
  return filterOf(parseQuery(url, FILTERS))
}
