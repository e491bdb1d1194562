import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { expect, it } from 'vitest'

// Proves the react18 project really swaps React in: without the aliases this reads 19.x.
it('runs the suites of this project against React 18.3', () => {
  expect(version).toMatch(/^18\.3\./)
  expect(domVersion).toMatch(/^18\.3\./)
})
