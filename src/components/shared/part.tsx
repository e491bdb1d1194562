'use client'
import { type ComponentPropsWithoutRef, type ComponentRef, type ElementType, createElement, forwardRef } from 'react'
import { cx } from './cx.ts'

/**
 * Wraps one Radix part (or an element): adds `data-slot` (unless given) and the `uk-<slot>` class, merges the
 * caller's `className` last and forwards every other prop and the ref.
 */
export function part<C extends ElementType>(component: C, slot: string) {
  const Part = forwardRef<ComponentRef<C>, ComponentPropsWithoutRef<C>>((props, ref) => {
    const { className, ...rest } = props as { className?: string; 'data-slot'?: string }
    // A caller may name a more specific slot (a group that is the preview); the class stays.
    return createElement(component, { 'data-slot': slot, ...rest, ref, className: cx(`uk-${slot}`, className) })
  })
  Part.displayName = slot
  return Part
}
