import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { UserkitApiError } from '../../src/api/errors.ts'
import { ConnectedAccountsSectionView, missingScopes } from '../../src/components/user-profile/connected-accounts-section.view.tsx'
import { en } from '../../src/localization/en.ts'
import { buildExternalAccount, fixtureProviders, severalAccounts } from '../fixtures/external-accounts.ts'
import { buildUser } from '../fixtures/user.ts'
import { expectNoAxeViolations } from './axe.ts'

const apiError = (status: number, code: string) =>
  new UserkitApiError(status, [{ code, message: code, longMessage: `server: ${code}`, meta: {} }])
const t = en.userProfile.connectedAccounts

describe('ConnectedAccountsSectionView', () => {
  describe('given no connected account', () => {
    it('should say so and offer the configured providers behind "Connect account"', async () => {
      const user = userEvent.setup()
      const onConnect = vi.fn(() => new Promise<never>(() => {}))
      render(<ConnectedAccountsSectionView user={buildUser()} messages={en} providers={fixtureProviders} onConnect={onConnect} />)
      expect(screen.getByRole('region', { name: 'Connected accounts' })).toHaveTextContent(t.empty)
      expect(screen.queryByRole('list')).not.toBeInTheDocument()
      await expectNoAxeViolations()

      await user.click(screen.getByRole('button', { name: t.connect }))
      const items = await screen.findAllByRole('menuitem')
      expect(items.map((i) => i.textContent)).toEqual(['GitHub', 'Google', 'Dev OIDC'])
      await expectNoAxeViolations()

      // When a provider is chosen, the button says where it is going and waits.
      await user.click(screen.getByRole('menuitem', { name: 'Dev OIDC' }))
      expect(onConnect).toHaveBeenCalledWith('oauth_dev_oidc')
      const pending = await screen.findByRole('button', { name: 'Connecting to Dev OIDC…' })
      expect(pending).toHaveAttribute('aria-disabled', 'true')
      expect(screen.getByRole('region', { name: 'Connected accounts' })).toHaveAttribute('data-state', 'pending')
      await expectNoAxeViolations()
    })

    it('should hide "Connect account" when no provider is configured or no callback is given', () => {
      const { rerender } = render(<ConnectedAccountsSectionView user={buildUser()} messages={en} providers={[]} onConnect={vi.fn()} />)
      expect(screen.queryByRole('button', { name: t.connect })).not.toBeInTheDocument()
      rerender(<ConnectedAccountsSectionView user={buildUser()} messages={en} providers={fixtureProviders} />)
      expect(screen.queryByRole('button', { name: t.connect })).not.toBeInTheDocument()
    })
  })

  describe('given several accounts', () => {
    it('should list each with its provider, email or username, and scopes', async () => {
      render(<ConnectedAccountsSectionView user={buildUser({ externalAccounts: severalAccounts() })} messages={en} providers={fixtureProviders} onRemove={vi.fn()} />)
      const rows = within(screen.getByRole('list', { name: t.listLabel })).getAllByRole('listitem')
      expect(rows).toHaveLength(3)
      expect(rows[0]).toHaveTextContent('GitHub')
      expect(rows[0]).toHaveTextContent('octocat')
      expect(rows[0]).toHaveTextContent('Access: read:user, user:email')
      expect(rows[1]).toHaveTextContent('ada.lovelace@gmail.com')
      expect(rows[2]).toHaveTextContent('Dev OIDC')
      expect(screen.queryByText(t.reconnectRequired)).not.toBeInTheDocument()
      expect(screen.getByRole('button', { name: 'Remove GitHub account octocat' })).toBeInTheDocument()
      await expectNoAxeViolations()
    })
  })

  describe('given an account without a scope the app requires', () => {
    it('should mark it and reconnect with just the missing scopes', async () => {
      const user = userEvent.setup()
      const onReauthorize = vi.fn(async () => {})
      render(
        <ConnectedAccountsSectionView
          user={buildUser({ externalAccounts: [buildExternalAccount()] })}
          messages={en}
          providers={fixtureProviders}
          additionalOAuthScopes={{ dev_oidc: ['email', 'phone'], github: ['repo'] }}
          onReauthorize={onReauthorize}
        />,
      )
      expect(screen.getByText(t.reconnectRequired)).toBeInTheDocument()
      await expectNoAxeViolations()
      await user.click(screen.getByRole('button', { name: 'Reconnect Dev OIDC account ada@example.com' }))
      expect(onReauthorize).toHaveBeenCalledWith('eac_ada1', ['phone'])
      expect(await screen.findByRole('button', { name: t.reconnecting })).toHaveAttribute('aria-disabled', 'true')
    })

    it('should show the server refusal and let the user try again', async () => {
      const user = userEvent.setup()
      const onReauthorize = vi.fn(async () => Promise.reject(apiError(502, 'oauth_provider_unavailable')))
      render(
        <ConnectedAccountsSectionView
          user={buildUser({ externalAccounts: [buildExternalAccount()] })}
          messages={en}
          providers={fixtureProviders}
          additionalOAuthScopes={{ dev_oidc: ['phone'] }}
          onReauthorize={onReauthorize}
        />,
      )
      await user.click(screen.getByRole('button', { name: /^Reconnect Dev OIDC/ }))
      expect(await screen.findByRole('alert')).toHaveTextContent(en.errors.oauth_provider_unavailable)
      expect(screen.getByRole('button', { name: /^Reconnect Dev OIDC/ })).not.toHaveAttribute('aria-disabled')
      await expectNoAxeViolations()
    })

    it('missingScopes compares by provider key', () => {
      const account = buildExternalAccount({ provider: 'oauth_github', approvedScopes: ['read:user'] })
      expect(missingScopes(account, { github: ['read:user', 'repo'] })).toEqual(['repo'])
      expect(missingScopes(account, { google: ['x'] })).toEqual([])
      expect(missingScopes(account, undefined)).toEqual([])
    })
  })

  describe('given an error from the provider round trip', () => {
    it.each([
      ['external_account_exists', en.errors.external_account_exists],
      ['oauth_access_denied', en.errors.oauth_access_denied],
    ])('should show %s as an alert that can be dismissed', async (code, text) => {
      const user = userEvent.setup()
      const onDismiss = vi.fn()
      render(<ConnectedAccountsSectionView user={buildUser()} messages={en} providers={fixtureProviders} callbackError={code} onDismissCallbackError={onDismiss} />)
      expect(screen.getByRole('alert')).toHaveTextContent(text)
      await expectNoAxeViolations()
      await user.click(screen.getByRole('button', { name: t.dismiss }))
      expect(onDismiss).toHaveBeenCalled()
    })
  })

  describe('when an account is removed', () => {
    it('should confirm first, then call onRemove and announce it', async () => {
      const user = userEvent.setup()
      const onRemove = vi.fn(async () => {})
      render(<ConnectedAccountsSectionView user={buildUser({ externalAccounts: [buildExternalAccount()] })} messages={en} providers={fixtureProviders} onRemove={onRemove} />)
      await user.click(screen.getByRole('button', { name: 'Remove Dev OIDC account ada@example.com' }))
      const dialog = await screen.findByRole('alertdialog', { name: t.removeTitle })
      expect(dialog).toHaveTextContent('ada@example.com (Dev OIDC) will be disconnected from your account.')
      expect(onRemove).not.toHaveBeenCalled()
      await expectNoAxeViolations()
      await user.click(within(dialog).getByRole('button', { name: t.remove }))
      expect(onRemove).toHaveBeenCalledWith('eac_ada1')
      await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
      expect(await screen.findByRole('status')).toHaveTextContent('ada@example.com (Dev OIDC) was disconnected.')
    })

    it('should keep the dialog open with the refusal when the server says no, and Cancel closes it', async () => {
      const user = userEvent.setup()
      const onRemove = vi.fn(async () => Promise.reject(apiError(422, 'form_identification_needed')))
      render(<ConnectedAccountsSectionView user={buildUser({ externalAccounts: [buildExternalAccount()] })} messages={en} providers={fixtureProviders} onRemove={onRemove} defaultRemoveId="eac_ada1" />)
      const dialog = await screen.findByRole('alertdialog')
      await user.click(within(dialog).getByRole('button', { name: t.remove }))
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(en.errors.form_identification_needed)
      await expectNoAxeViolations()
      await user.click(within(dialog).getByRole('button', { name: en.common.cancel }))
      await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
      // Focus returns to the section, not to the document body.
      expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Remove Dev OIDC/ }))
    })
  })
})
