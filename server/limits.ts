import { tooManyRequests } from './errors.ts'
import type { RateLimitRule } from './options.ts'
import type { RateLimitRepo } from './storage/rate-limits.ts'

/**
 * Counts one event under each key, then throws 429 with `Retry-After` (the latest window end) when
 * any is past its rule. Counting comes first, atomically in the database, so parallel requests
 * cannot slip past a limit by checking together; a success may take its count back (`refund`).
 * `what` names the events in the message: "sign-in attempts".
 */
export async function consume(
  counters: RateLimitRepo,
  now: () => number,
  limits: readonly (readonly [string, RateLimitRule])[],
  what: string,
): Promise<void> {
  let retryAt = 0
  for (const [key, rule] of limits) {
    const { count, resetAt } = await counters.hit(key, rule.windowMs)
    if (count > rule.max) retryAt = Math.max(retryAt, resetAt)
  }
  if (retryAt > 0) throw tooManyRequests(retryAt, now(), what)
}
