'use client'
import { type RefObject, useEffect, useRef } from 'react'

/**
 * When `active` turns false (a form or flow closed), moves focus to `opener`: the control that
 * started it is the natural place to continue from (WAI-ARIA's "return focus" rule).
 */
export function useReturnFocus(active: boolean, opener: RefObject<HTMLElement | null>): void {
  const wasActive = useRef(active)
  useEffect(() => {
    if (wasActive.current && !active) opener.current?.focus()
    wasActive.current = active
  }, [active, opener])
}
