import type { Context } from 'hono'
import type { ResolvedOptions } from '../options.ts'

/**
 * The caller's IP for rate limits. `X-Forwarded-For` only when the operator trusts a proxy (anyone
 * can send the header otherwise), and then its last entry: the hop the trusted proxy appended.
 */
export function clientIp(c: Context, options: ResolvedOptions): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1)
    if (last) return last
  }
  return options.getClientIp?.(c) || 'unknown'
}
