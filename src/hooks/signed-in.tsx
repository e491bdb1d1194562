'use client'
import type { ReactNode } from 'react'
import { useUser } from './use-user.ts'

/** Children of <SignedIn> / <SignedOut>. */
export interface SignedInProps {
  /** Rendered only in that state; nothing renders until the session is known. */
  children?: ReactNode
}

/** Renders its children only when a user is signed in (nothing while loading). */
export function SignedIn({ children }: SignedInProps) {
  return useUser().isSignedIn === true ? children : null
}

/** Renders its children only when nobody is signed in (nothing while loading). */
export function SignedOut({ children }: SignedInProps) {
  return useUser().isSignedIn === false ? children : null
}
