/**
 * The connected-accounts hooks and section against the real server app in process. The provider
 * here is a plain OAuth 2.0 one whose endpoints are never called: these tests stop where the
 * browser would leave for it (the full round trip is test/server/oauth*.test.ts and the e2e test).
 */
import { act, cleanup, render, renderHook, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConnectedAccountsSection } from '../../src/components/user-profile/connected-accounts-section.tsx'
import {
  useConnectExternalAccount,
  useReauthorizeExternalAccount,
  useRemoveExternalAccount,
  useUser,
} from '../../src/hooks/index.ts'
import { en } from '../../src/localization/en.ts'
import { setupTestServers, userFixture } from '../helpers/server.ts'
import { createKit } from './harness.tsx'

const createTestServer = setupTestServers({ now: () => Date.now() })
afterEach(() => cleanup())

const PROVIDER = {
  key: 'acme',
  name: 'Acme',
  clientId: 'client-1',
  clientSecret: 'secret-1',
  scopes: ['profile'],
  authorizationEndpoint: 'https://auth.acme.example/authorize',
  tokenEndpoint: 'https://auth.acme.example/token',
  userinfoEndpoint: 'https://api.acme.example/me',
}
const ORIGIN = 'http://localhost:4000'

async function signedIn(accounts: { id: string; providerUserId: string; scopes: string }[] = []) {
  // The page (happy-dom's origin) is another origin than the server's: allow it, as an app would.
  const { server, db } = await createTestServer({ oauth: { providers: [PROVIDER] }, allowedOrigins: [window.location.origin] })
  const input = userFixture()
  const user = await server.createUser(input)
  for (const a of accounts) {
    await server.store.externalAccounts.insert({
      id: a.id, userId: user.id, provider: 'acme', providerUserId: a.providerUserId, identificationId: null, ownedIdentification: false,
      emailAddress: `${a.providerUserId}@acme.example`, emailAddressVerified: true, firstName: null, lastName: null, username: a.providerUserId,
      imageUrl: null, approvedScopes: a.scopes, accessToken: null, refreshToken: null, tokenExpiresAt: null,
    })
  }
  const kit = createKit(server.app.fetch)
  await kit.api.signIn({ identifier: input.email, password: input.password })
  return { server, db, kit, user }
}

describe('useConnectExternalAccount', () => {
  it('answers the provider URL to visit and changes no account', async () => {
    const { kit } = await signedIn()
    const { result } = renderHook(() => ({ user: useUser(), connect: useConnectExternalAccount() }), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.user.isSignedIn).toBe(true))
    let url = ''
    await act(async () => {
      const answer = await result.current.connect.mutateAsync({ strategy: 'oauth_acme', redirectUrl: `${ORIGIN}/account`, additionalScopes: ['repo'] })
      url = answer.response.verification?.externalVerificationRedirectUrl ?? ''
      expect(answer.response.verification?.status).toBe('unverified')
    })
    const target = new URL(url)
    expect(target.origin + target.pathname).toBe(PROVIDER.authorizationEndpoint)
    expect(target.searchParams.get('scope')).toBe('profile repo')
    expect(target.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/v1/oauth_callback`)
    expect(result.current.user.user?.externalAccounts).toEqual([])
  })

  it('keeps a refused redirect URL as error state with its parameter', async () => {
    const { kit } = await signedIn()
    const { result } = renderHook(() => useConnectExternalAccount(), { wrapper: kit.wrapper })
    act(() => result.current.mutate({ strategy: 'oauth_acme', redirectUrl: 'https://evil.example/' }))
    await waitFor(() => expect(result.current.error?.status).toBe(422))
    expect(result.current.error?.errors[0]?.meta.paramName).toBe('redirect_url')
  })
})

describe('useReauthorizeExternalAccount', () => {
  it('asks again for the approved scopes plus the new ones; another id is a 404', async () => {
    const { kit } = await signedIn([{ id: 'eac_one', providerUserId: 'one', scopes: 'profile' }])
    const { result } = renderHook(() => useReauthorizeExternalAccount(), { wrapper: kit.wrapper })
    let url = ''
    await act(async () => {
      url = (await result.current.mutateAsync({ id: 'eac_one', redirectUrl: `${ORIGIN}/`, additionalScopes: ['repo'] })).response.verification
        ?.externalVerificationRedirectUrl as string
    })
    expect(new URL(url).searchParams.get('scope')).toBe('profile repo')
    act(() => result.current.mutate({ id: 'eac_someone_else', redirectUrl: `${ORIGIN}/` }))
    await waitFor(() => expect(result.current.error?.status).toBe(404))
  })
})

describe('useRemoveExternalAccount', () => {
  it('removes the account from useUser() through the server answer', async () => {
    const { kit, db } = await signedIn([{ id: 'eac_one', providerUserId: 'one', scopes: 'profile' }])
    const { result } = renderHook(() => ({ user: useUser(), remove: useRemoveExternalAccount() }), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.user.user?.externalAccounts.map((a) => a.id)).toEqual(['eac_one']))
    kit.requests.length = 0
    await act(async () => {
      await result.current.remove.mutateAsync('eac_one')
    })
    await waitFor(() => expect(result.current.user.user?.externalAccounts).toEqual([]))
    // The answer carried the client: no refetch.
    expect(kit.requests).toEqual(['DELETE /v1/me/external_accounts/eac_one'])
    const { rows } = await db.query('SELECT 1 FROM external_accounts')
    expect(rows).toHaveLength(0)
  })
})

describe('<ConnectedAccountsSection /> (connected)', () => {
  it('shows the error the callback put in the URL once, removes it from the URL, and lists the server accounts', async () => {
    const { kit } = await signedIn([{ id: 'eac_one', providerUserId: 'one', scopes: 'profile' }])
    window.history.replaceState(null, '', '/account?tab=1&userkit_oauth_error=external_account_exists#/')
    render(<ConnectedAccountsSection additionalOAuthScopes={{ acme: ['repo'] }} />, { wrapper: kit.wrapper })
    expect((await screen.findByRole('alert')).textContent).toBe(en.errors.external_account_exists)
    expect(window.location.search).toBe('?tab=1')
    expect(window.location.hash).toBe('#/')
    const row = within(screen.getByRole('list', { name: 'Connected accounts' })).getByRole('listitem')
    expect(row.textContent).toContain('one@acme.example')
    // The app requires `repo`, which the account lacks.
    expect(within(row).queryByText(en.userProfile.connectedAccounts.reconnectRequired)).not.toBeNull()
  })

  it('leaves for the provider with the required scopes and this page as redirect_url', async () => {
    const { kit, db } = await signedIn()
    window.history.replaceState(null, '', '/account')
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
    try {
      const user = userEvent.setup()
      render(<ConnectedAccountsSection additionalOAuthScopes={{ acme: ['repo'] }} />, { wrapper: kit.wrapper })
      await user.click(await screen.findByRole('button', { name: en.userProfile.connectedAccounts.connect }))
      await user.click(await screen.findByRole('menuitem', { name: 'Acme' }))
      // Until the browser leaves, the button says where it goes.
      await screen.findByRole('button', { name: 'Connecting to Acme…' })
      await waitFor(() => expect(assign).toHaveBeenCalledTimes(1), { timeout: 5000 })
      const target = new URL(String(assign.mock.calls[0]?.[0]))
      expect(target.origin).toBe('https://auth.acme.example')
      expect(target.searchParams.get('scope')).toBe('profile repo')
      const { rows } = await db.query<{ redirect_url: string }>('SELECT redirect_url FROM oauth_states')
      expect(rows.map((r) => r.redirect_url)).toEqual([window.location.href])
    } finally {
      assign.mockRestore()
    }
  })
})
