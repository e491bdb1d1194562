import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

describe('the userkit entry on a server', () => {
  it('imports and renders without window or document, showing the not-loaded state', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const kit = await import('../../src/index.ts')
    function Probe() {
      const { isLoaded } = kit.useUser()
      return createElement('p', null, isLoaded ? 'loaded' : 'loading')
    }
    const html = renderToString(
      createElement(
        kit.UserkitProvider,
        { baseUrl: 'http://localhost:4000' },
        createElement(Probe),
        createElement(kit.SignedIn, null, 'in'),
        createElement(kit.SignedOut, null, 'out'),
      ),
    )
    expect(html).toBe('<p>loading</p>')
  })
})
