import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { UserkitProvider } from '../../src/index.ts'
import '../../src/styles/tokens.css'
import './demo.css'
import { App } from './app.tsx'

// The kit's stylesheets, as `userkit/styles.css` bundles them.
import.meta.glob('../../src/components/**/*.css', { eager: true })

const root = document.getElementById('root')
if (!root) throw new Error('demo/index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <UserkitProvider afterSignOutUrl="/">
      <App />
    </UserkitProvider>
  </StrictMode>,
)
