import type { ApiErrorItem } from '../../api/types.ts'
import { format } from '../../localization/format.ts'
import type { Messages } from '../../localization/en.ts'

/** Where a failed request's messages go: one per field (by `meta.paramName`), the rest in a banner. */
export interface FormErrors {
  readonly fields: Readonly<Record<string, string>>
  readonly banner: string | null
}

export const noErrors: FormErrors = { fields: {}, banner: null }

interface ErrorLike {
  readonly status?: number
  readonly errors?: readonly ApiErrorItem[]
  readonly retryAfter?: number
}

const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())

/**
 * The catalog text for one error item, filled from its `meta`: `<code>_<param_name>` first (as Clerk
 * localizes, e.g. "this email address is already in use"), then `<code>`, then the server's text.
 */
export function errorText(
  item: ApiErrorItem,
  messages: Messages,
  values: Record<string, string | number> = {},
): string {
  const table = messages.errors as Record<string, string>
  const param = item.meta.paramName
  const template = (param && table[`${item.code}_${param}`]) || table[item.code]
  if (template) {
    const filled = format(template, { ...values, ...(item.meta as Record<string, string | number>) })
    // A placeholder nobody could fill reads worse than the server's own sentence.
    if (!/\{\w+\}/.test(filled)) return filled
  }
  return item.longMessage || item.message || messages.errors.unknown
}

/**
 * Routes a rejected request's errors: an item whose `meta.paramName` (snake or camel case) names
 * one of `fields` goes to that field, everything else to the banner. 429 answers say how long to wait.
 */
export function routeErrors(
  error: unknown,
  fields: readonly string[],
  messages: Messages,
  values?: Record<string, string | number>,
): FormErrors {
  const e = (error ?? {}) as ErrorLike
  if (e.status === 429) {
    const banner =
      e.retryAfter === undefined
        ? messages.errors.too_many_requests_later
        : format(messages.errors.too_many_requests, { seconds: e.retryAfter })
    return { fields: {}, banner }
  }
  if (!Array.isArray(e.errors) || e.errors.length === 0) return { fields: {}, banner: messages.errors.unknown }
  const out: Record<string, string> = {}
  const rest: string[] = []
  for (const item of e.errors) {
    const param = item.meta.paramName ? camel(item.meta.paramName) : undefined
    const text = errorText(item, messages, values)
    if (param && fields.includes(param) && !out[param]) out[param] = text
    else if (!rest.includes(text)) rest.push(text)
  }
  return { fields: out, banner: rest.length ? rest.join(' ') : null }
}
