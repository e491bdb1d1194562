import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '../../src/styles/tokens.css'
import '../../src/components/shared/shared.css'
import '../../src/components/avatar/avatar.css'
import './dashboard.css'
import { createDashboardApi } from './api.ts'
import { DashboardApp } from './app.tsx'

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <DashboardApp api={createDashboardApi()} />
  </StrictMode>,
)
