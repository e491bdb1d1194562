import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import '../../src/styles/tokens.css'

// The same stylesheets the package ships, so sizes and focus rings are the real ones.
import.meta.glob('../../src/components/**/*.css', { eager: true })

// The test page is the document axe checks; give it what any real page has.
document.documentElement.lang = 'en'
document.title = 'userkit component tests'

afterEach(() => {
  cleanup()
})
