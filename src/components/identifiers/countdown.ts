'use client'
import { useCallback, useEffect, useState } from 'react'

/**
 * Seconds left before an action may run again, ticking down once a second to 0.
 * `restart(n)` starts a new countdown (a 429's Retry-After, or the resend cooldown).
 */
export function useCountdown(initial = 0): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(() => (initial > 0 ? Date.now() + initial * 1000 : 0))
  const [now, setNow] = useState(() => Date.now())
  const left = Math.max(0, Math.ceil((until - now) / 1000))
  useEffect(() => {
    if (left <= 0) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [left > 0])
  const restart = useCallback((seconds: number) => {
    const at = Date.now()
    setNow(at)
    setUntil(seconds > 0 ? at + seconds * 1000 : 0)
  }, [])
  return [left, restart]
}
