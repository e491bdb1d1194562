import type { Decorator } from '@storybook/react-vite'
import { useState } from 'react'
import '../../dashboard/src/dashboard.css'
import { PortalContainer } from '../../dashboard/src/parts.tsx'

/**
 * The dashboard's own scope around a story: `.uk-root.dk-app` (its tokens and background) inside
 * the toolbar's theme scope, and the portal container its dialogs and menus render into.
 */
export const withDashboard: Decorator = (Story) => <DashboardFrame>{<Story />}</DashboardFrame>

function DashboardFrame({ children }: { children: React.ReactNode }) {
  const [scope, setScope] = useState<HTMLElement | undefined>(undefined)
  return (
    <div ref={(el) => setScope(el ?? undefined)} className="uk-root dk-app" style={{ minHeight: 0, padding: 16 }}>
      <PortalContainer.Provider value={scope}>{children}</PortalContainer.Provider>
    </div>
  )
}
