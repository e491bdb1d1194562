import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { UserProfileView } from '../../src/components/user-profile/user-profile.view.tsx'
import { UsernameSectionView } from '../../src/components/user-profile/username-section.view.tsx'
import { en } from '../../src/localization/en.ts'
import { buildUser } from '../fixtures/user.ts'
import { expectNoAxeViolations } from './axe.ts'

describe('UserProfileView', () => {
  describe('given hash routing', () => {
    it('should offer a named navigation of links to #/ pages, marking the current one', async () => {
      render(
        <UserProfileView status="ready" messages={en} pages={['account', 'security']} page="account">
          <UsernameSectionView user={buildUser()} messages={en} />
        </UserProfileView>,
      )
      const nav = screen.getByRole('navigation', { name: 'Account settings' })
      const account = screen.getByRole('link', { name: 'Account' })
      expect(nav).toContainElement(account)
      expect(account).toHaveAttribute('href', '#/')
      expect(account).toHaveAttribute('aria-current', 'page')
      expect(screen.getByRole('link', { name: 'Security' })).toHaveAttribute('href', '#/security')
      expect(screen.getByRole('heading', { level: 2, name: 'Account' })).toBeInTheDocument()
      expect(screen.getByRole('region', { name: 'Username' })).toBeInTheDocument()
      await expectNoAxeViolations()
    })
  })

  describe('given virtual routing, when a page is chosen', () => {
    it('should call onNavigate with its id', async () => {
      const user = userEvent.setup()
      const onNavigate = vi.fn()
      render(
        <UserProfileView status="ready" messages={en} routing="virtual" pages={['account', 'security']} onNavigate={onNavigate} />,
      )
      await user.click(screen.getByRole('button', { name: 'Security' }))
      expect(onNavigate).toHaveBeenCalledWith('security')
      expect(screen.getByRole('button', { name: 'Account' })).toHaveAttribute('aria-current', 'page')
      await expectNoAxeViolations()
    })
  })

  describe('while loading', () => {
    it('should render a placeholder with the minimum height of the profile', async () => {
      const { container } = render(<UserProfileView status="loading" messages={en} />)
      expect(screen.queryByRole('navigation')).not.toBeInTheDocument()
      const root = container.querySelector('[data-slot="user-profile"]') as HTMLElement
      expect(root).toHaveAttribute('data-state', 'loading')
      expect(root.getBoundingClientRect().height).toBeGreaterThanOrEqual(400)
      await expectNoAxeViolations()
    })
  })
})
