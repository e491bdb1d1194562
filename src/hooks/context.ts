'use client'
import type { QueryClient } from '@tanstack/react-query'
import { createContext } from 'react'
import type { UserkitClient } from '../api/index.ts'
import type { Messages } from '../localization/index.ts'

/** What <UserkitProvider> hands to every hook and component below it. */
export interface UserkitContextValue {
  /** The Frontend API client. */
  client: UserkitClient
  /** The QueryClient holding the kit's two queries (the app's, or the provider's own). */
  queryClient: QueryClient
  /** The English catalog with the app's `localization` merged over it. */
  messages: Messages
  /** Where to go after signing out; `undefined` stays on the page. */
  afterSignOutUrl: string | undefined
  /** Navigates to a URL; called from event handlers only. */
  navigate: (url: string) => void
}

export const UserkitContext = createContext<UserkitContextValue | null>(null)
