import { ApiError } from '../../errors.ts'

/** How one query parameter is read: a list (repeatable), a string, an integer or a boolean. */
export type ParamKind = 'list' | 'string' | 'integer' | 'boolean'

/** Values read by `parseQuery`, keyed by parameter name. */
export type ParsedQuery = Record<string, string[] | string | number | boolean | undefined>

const invalid = (param: string, why: string) =>
  new ApiError(422, 'form_param_format_invalid', 'is invalid', { longMessage: `${param} ${why}.`, param })

/**
 * Reads a Backend API query string against a schema. Lists come as repeated keys
 * (`email_address=a&email_address=b`, what @clerk/backend sends) or with a `[]` suffix; a key the
 * schema does not know is 422 `form_param_unknown`, so a misspelt filter never widens a query.
 */
export function parseQuery(url: string, schema: Record<string, ParamKind>): ParsedQuery {
  const out: ParsedQuery = {}
  for (const [rawKey, value] of new URL(url).searchParams) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey
    const kind = schema[key]
    if (value.includes('\u0000')) throw invalid(key, 'must not contain the NUL character')
    if (!kind) {
      throw new ApiError(422, 'form_param_unknown', 'is unknown', {
        longMessage: `${key} is not a recognized parameter.`,
        param: key,
      })
    }
    if (kind === 'list') {
      out[key] = [...((out[key] as string[] | undefined) ?? []), value]
    } else if (out[key] !== undefined) {
      throw invalid(key, 'must be given once')
    } else if (kind === 'string') {
      out[key] = value
    } else if (kind === 'integer') {
      if (!/^-?\d{1,15}$/.test(value)) throw invalid(key, 'must be an integer')
      out[key] = Number(value)
    } else {
      if (value !== 'true' && value !== 'false') throw invalid(key, 'must be true or false')
      out[key] = value === 'true'
    }
  }
  return out
}

/** `limit` (1–500, default 10) and `offset` (≥ 0, default 0) as Clerk pages lists. */
export function pageOf(query: ParsedQuery): { limit: number; offset: number } {
  const limit = (query.limit as number | undefined) ?? 10
  const offset = (query.offset as number | undefined) ?? 0
  if (limit < 1 || limit > 500) throw invalid('limit', 'must be between 1 and 500')
  if (offset < 0) throw invalid('offset', 'must be 0 or more')
  return { limit, offset }
}
