'use client'
import { useContext } from 'react'
import { UserkitContext, type UserkitContextValue } from './context.ts'

/**
 * The kit's context: client, query client, messages, afterSignOutUrl and navigate.
 * Throws, naming the fix, when no <UserkitProvider> is above the caller.
 * @param hookName the public hook to name in that message. Default `'useUserkit'`.
 */
export function useUserkit(hookName = 'useUserkit'): UserkitContextValue {
  const value = useContext(UserkitContext)
  if (!value) {
    throw new Error(
      `${hookName} must be used inside <UserkitProvider>: wrap your app in <UserkitProvider baseUrl="…"> (baseUrl may be omitted when the userkit server shares your origin).`,
    )
  }
  return value
}
