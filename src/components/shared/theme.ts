'use client'
import { type RefObject, useEffect, useLayoutEffect, useState } from 'react'

// useLayoutEffect warns under react-dom/server in React 18; the server never runs effects anyway.
export const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

export interface PortalScope {
  /**
   * The nearest `[data-uk-theme]` ancestor, so the portal inherits the theme and any `--uk-`
   * overrides set on that scope; `undefined` (Radix's default, document.body) when there is none.
   */
  container: HTMLElement | undefined
  /** The writing direction at the anchor, which a portal elsewhere would not inherit. */
  dir: 'ltr' | 'rtl'
}

/** Where dropdowns and dialogs anchored at `ref` should portal, and in which direction. */
export function usePortalScope(ref: RefObject<HTMLElement | null>): PortalScope {
  const [scope, setScope] = useState<PortalScope>({ container: undefined, dir: 'ltr' })
  // No dependency list: the element may appear later (loading → ready); both reads are cheap.
  useIsomorphicLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const container = el.closest<HTMLElement>('[data-uk-theme]') ?? undefined
    const dir = getComputedStyle(el).direction === 'rtl' ? 'rtl' : 'ltr'
    if (container !== scope.container || dir !== scope.dir) setScope({ container, dir })
  })
  return scope
}
