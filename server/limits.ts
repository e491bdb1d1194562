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

/**
 * A fixed-window counter in this instance's memory, for a hot path where a database write per
 * request would cost more than the work it guards (signing a session token). Each instance
 * counts on its own, so N instances allow N times the rule: fine for a guard against one
 * session flooding the signer, not for guessing limits (those stay in the database).
 */
export function memoryLimiter(rule: RateLimitRule, now: () => number) {
  const windows = new Map<string, { start: number; count: number }>()
  return (key: string, what: string): void => {
    const t = now()
    const start = Math.floor(t / rule.windowMs) * rule.windowMs
    // Forget windows gone by now and then, so the map holds about one window's keys.
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.start < start) windows.delete(k)
    const entry = windows.get(key)
    const count = entry && entry.start === start ? entry.count + 1 : 1
    windows.set(key, { start, count })
    if (count > rule.max) throw tooManyRequests(start + rule.windowMs, t, what)
  }
}
