'use client'
import { createContext, useContext } from 'react'
import type { DashboardApi } from './api.ts'
import type { DashboardMessages } from './messages.ts'

/** What every connected part of the dashboard reads: its API client, its words and its router. */
export interface DashboardContextValue {
  api: DashboardApi
  messages: DashboardMessages
  /** Goes to a dashboard path (`/dashboard/users/…`), pushing a history entry. */
  navigate: (path: string) => void
}

export const DashboardContext = createContext<DashboardContextValue | null>(null)

/** The dashboard's context; throws outside <DashboardApp>, naming the fix. */
export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext)
  if (!value) throw new Error('userkit dashboard: this part must be rendered inside <DashboardApp>.')
  return value
}
