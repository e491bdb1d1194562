// @vitest-environment node
import { QueryClient } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { Client } from '../../src/api/types.ts'
import { userkitKeys } from '../../src/hooks/keys.ts'
import { buildUser } from '../fixtures/user.ts'

describe('server rendering', () => {
  describe('given the node environment (no window, no document)', () => {
    it('should import the kit without touching the DOM', async () => {
      expect(typeof window).toBe('undefined')
      expect(typeof document).toBe('undefined')
      const kit = await import('../../src/index.ts')
      expect(kit.UserButton).toBeTypeOf('function')
      expect(kit.UserProfile).toBeTypeOf('function')
      expect(kit.SignIn).toBeTypeOf('function')
    })
  })

  describe('when the components render inside the provider', () => {
    it('should give each its placeholder, sized by the stylesheet', async () => {
      const { UserkitProvider, UserButton, UserProfile, SignIn } = await import('../../src/index.ts')
      const html = renderToString(
        <UserkitProvider baseUrl="http://127.0.0.1:9">
          <UserButton showName />
          <UserProfile />
          <SignIn />
        </UserkitProvider>,
      )
      expect(html).toContain('data-slot="user-button" data-state="loading" data-show-name="true"')
      expect(html).toContain('data-slot="user-button-placeholder"')
      expect(html).toContain('data-slot="user-profile" data-state="loading"')
      expect(html).toContain('data-slot="sign-in" data-state="loading"')
      expect(html).not.toMatch(/<(button|form|input|nav)\b/)
    })

    it('should size the placeholders in CSS as the ready components are sized', async () => {
      const { readFile } = await import('node:fs/promises')
      const css = (path: string) => readFile(new URL(path, import.meta.url), 'utf8')
      const button = await css('../../src/components/user-button/user-button.css')
      // The placeholder takes the avatar's box: the same token as the trigger's avatar.
      expect(button).toMatch(/\[data-slot='user-button-placeholder'\] \{[^}]*inline-size: var\(--uk-avatar-size\);[^}]*block-size: var\(--uk-avatar-size\)/)
      const avatar = await css('../../src/components/avatar/avatar.css')
      expect(avatar).toMatch(/--uk-avatar-current: var\(--uk-avatar-size\)/)
      const profile = await css('../../src/components/user-profile/user-profile.css')
      expect(profile).toMatch(/\[data-slot='user-profile'\] \{[^}]*min-block-size: var\(--uk-user-profile-min-height/)
      const signIn = await css('../../src/components/sign-in/sign-in.css')
      expect(signIn).toMatch(/\[data-slot='sign-in-placeholder'\] \{[^}]*block-size: var\(--uk-sign-in-min-height/)
    })
  })

  describe('given a session already in the cache (dehydrated state)', () => {
    const signedIn = () => {
      const user = buildUser()
      const client: Client = {
        id: 'client_1',
        lastActiveSessionId: 'sess_1',
        sessions: [
          { id: 'sess_1', status: 'active', userId: user.id, user, lastActiveAt: 0, expireAt: 0, createdAt: 0 },
        ],
      }
      const queryClient = new QueryClient()
      queryClient.setQueryData(userkitKeys.client, client)
      return queryClient
    }

    it('should render the signed-in button and every section in order by default', async () => {
      const { UserkitProvider, UserButton, UserProfile } = await import('../../src/index.ts')
      const html = renderToString(
        <UserkitProvider baseUrl="http://127.0.0.1:9" queryClient={signedIn()}>
          <UserButton />
          <UserProfile />
        </UserkitProvider>,
      )
      expect(html).toContain('aria-label="Open user menu"')
      const sections = [...html.matchAll(/data-section="(\w+)"/g)].map((m) => m[1])
      expect(sections).toEqual(['profile', 'username'])
    })

    it('should show only the sections given as children, in their order', async () => {
      const { UserkitProvider, UserProfile } = await import('../../src/index.ts')
      const html = renderToString(
        <UserkitProvider baseUrl="http://127.0.0.1:9" queryClient={signedIn()}>
          <UserProfile>
            <UserProfile.Username />
            <UserProfile.Profile />
          </UserProfile>
          <UserProfile>
            <UserProfile.Username />
          </UserProfile>
        </UserkitProvider>,
      )
      const sections = [...html.matchAll(/data-section="(\w+)"/g)].map((m) => m[1])
      expect(sections).toEqual(['username', 'profile', 'username'])
    })
  })
})
