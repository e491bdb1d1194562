import type { Queryable } from './database.ts'

/** A fixed-window counter's state after a read or a hit. */
export interface RateCount {
  count: number
  /** When the current window ends (Unix ms). */
  resetAt: number
}

/** Rate-limit counters in the database, so every instance on one database sees the same counts. */
export interface RateLimitRepo {
  /** Counts one event for `key` in the current window and answers the new count. Atomic. */
  hit(key: string, windowMs: number): Promise<RateCount>
  /** The current window's count without adding to it. */
  peek(key: string, windowMs: number): Promise<RateCount>
  /** Takes back one event counted in the current window (a hit that turned out to be a success). */
  refund(key: string, windowMs: number): Promise<void>
  /** Forgets `key` (e.g. a successful sign-in clears the identifier's failures). */
  reset(key: string): Promise<void>
}

/** Counters older than this are deleted opportunistically; rules must use shorter windows. */
const STALE_MS = 7 * 24 * 60 * 60 * 1000

/** Binds the rate-limit counters to `q`; windows are aligned to multiples of their length. */
export function rateLimitsRepo(q: Queryable, now: () => number): RateLimitRepo {
  const windowOf = (windowMs: number) => Math.floor(now() / windowMs) * windowMs
  return {
    async hit(key, windowMs) {
      const start = windowOf(windowMs)
      // One upsert: concurrent hits from several instances can neither lose a count nor race a reset.
      const { rows } = await q.query<{ count: number }>(
        `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
           window_start = excluded.window_start
         RETURNING count`,
        [key, start],
      )
      // Keys are per identifier and IP, so the table grows; now and then sweep windows long gone.
      if (Math.random() < 0.01) await q.query('DELETE FROM rate_limits WHERE window_start < $1', [now() - STALE_MS])
      return { count: Number(rows[0]?.count ?? 1), resetAt: start + windowMs }
    },
    async peek(key, windowMs) {
      const start = windowOf(windowMs)
      const { rows } = await q.query<{ count: number }>('SELECT count FROM rate_limits WHERE key = $1 AND window_start = $2', [
        key,
        start,
      ])
      return { count: Number(rows[0]?.count ?? 0), resetAt: start + windowMs }
    },
    async refund(key, windowMs) {
      await q.query('UPDATE rate_limits SET count = count - 1 WHERE key = $1 AND window_start = $2 AND count > 0', [
        key,
        windowOf(windowMs),
      ])
    },
    async reset(key) {
      await q.query('DELETE FROM rate_limits WHERE key = $1', [key])
    },
  }
}
