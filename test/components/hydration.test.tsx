import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createUserkitClient } from '../../src/api/index.ts'
import { SignIn, UserButton, UserkitProvider, UserProfile } from '../../src/index.ts'

describe('hydration', () => {
  describe('given the server-rendered placeholders', () => {
    it('should hydrate without a mismatch, keeping the placeholder sizes', async () => {
      // The session request stays pending, as on a first paint before the answer arrives.
      const client = createUserkitClient({ baseUrl: 'http://localhost:4000', fetch: () => new Promise<Response>(() => {}) })
      const app = (
        <UserkitProvider client={client}>
          <UserButton />
          <UserProfile />
          <SignIn />
        </UserkitProvider>
      )
      const container = document.createElement('div')
      container.innerHTML = renderToString(app)
      document.body.append(container)
      const button = container.querySelector('[data-slot="user-button"]') as HTMLElement
      const before = button.getBoundingClientRect()
      expect(before.width).toBeGreaterThan(0)

      const errors: unknown[] = []
      const root = await act(async () =>
        hydrateRoot(container, app, { onRecoverableError: (error) => errors.push(error) }),
      )
      expect(errors).toEqual([])
      const after = (container.querySelector('[data-slot="user-button"]') as HTMLElement).getBoundingClientRect()
      expect([after.width, after.height]).toEqual([before.width, before.height])
      act(() => root.unmount())
      container.remove()
    })
  })
})
