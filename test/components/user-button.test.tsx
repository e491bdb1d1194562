import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { lazy } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { UserButtonView } from '../../src/components/user-button/user-button.view.tsx'
import { en } from '../../src/localization/en.ts'
import { buildUser, userWithImage, userWithUsernameOnly } from '../fixtures/user.ts'
import { expectNoAxeViolations } from './axe.ts'

const trigger = () => screen.getByRole('button', { name: /open user menu/i })

describe('UserButtonView', () => {
  describe('given a signed-in user without an image', () => {
    it('should show a trigger named "Open user menu" with the initials', async () => {
      render(<UserButtonView user={buildUser()} status="ready" messages={en} onSignOut={() => {}} />)
      expect(trigger()).toHaveAttribute('aria-expanded', 'false')
      expect(trigger().querySelector('[data-initials]')).toHaveAttribute('data-initials', 'AL')
      await expectNoAxeViolations()
    })

    describe('when the trigger is focused and Enter is pressed', () => {
      it('should open the menu with the name, the email and the entries', async () => {
        const user = userEvent.setup()
        render(
          <UserButtonView user={buildUser()} status="ready" messages={en} onManageAccount={() => {}} onSignOut={() => {}} />,
        )
        trigger().focus()
        await user.keyboard('{Enter}')
        const menu = await screen.findByRole('menu', { name: 'Account actions' })
        expect(menu).toHaveTextContent('Ada Lovelace')
        expect(menu).toHaveTextContent('ada@example.com')
        const items = within(menu).getAllByRole('menuitem')
        expect(items.map((i) => i.textContent)).toEqual(['Manage account', 'Sign out'])
        expect(trigger()).toHaveAttribute('aria-expanded', 'true')
        await expectNoAxeViolations()
      })
    })

    describe('when ArrowDown opens the menu and Escape closes it', () => {
      it('should focus the first entry, then return focus to the trigger', async () => {
        const user = userEvent.setup()
        render(
          <UserButtonView user={buildUser()} status="ready" messages={en} onManageAccount={() => {}} onSignOut={() => {}} />,
        )
        trigger().focus()
        await user.keyboard('{ArrowDown}')
        await waitFor(() => expect(screen.getByRole('menuitem', { name: 'Manage account' })).toHaveFocus())
        await user.keyboard('{ArrowDown}')
        expect(screen.getByRole('menuitem', { name: 'Sign out' })).toHaveFocus()
        await user.keyboard('{Escape}')
        await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument())
        expect(trigger()).toHaveFocus()
      })
    })

    describe('when Sign out is chosen', () => {
      it('should call onSignOut once and close the menu', async () => {
        const user = userEvent.setup()
        const onSignOut = vi.fn()
        render(<UserButtonView user={buildUser()} status="ready" messages={en} onSignOut={onSignOut} />)
        await user.click(trigger())
        await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }))
        expect(onSignOut).toHaveBeenCalledTimes(1)
        await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument())
      })
    })
  })

  describe('given no callbacks', () => {
    it('should hide Manage account and Sign out', async () => {
      const user = userEvent.setup()
      render(
        <UserButtonView user={buildUser()} status="ready" messages={en}>
          <UserButtonView.MenuItems>
            <UserButtonView.Link label="Help" href="/help" />
          </UserButtonView.MenuItems>
        </UserButtonView>,
      )
      await user.click(trigger())
      const items = within(await screen.findByRole('menu')).getAllByRole('menuitem')
      expect(items.map((i) => i.textContent)).toEqual(['Help'])
    })
  })

  describe('given custom entries', () => {
    it('should list them between the defaults and run or link them', async () => {
      const user = userEvent.setup()
      const onClick = vi.fn()
      render(
        <UserButtonView user={buildUser()} status="ready" messages={en} onManageAccount={() => {}} onSignOut={() => {}}>
          <UserButtonView.MenuItems>
            <UserButtonView.Action label="Billing" onClick={onClick} />
            <UserButtonView.Link label="Help center" href="/help" />
          </UserButtonView.MenuItems>
        </UserButtonView>,
      )
      await user.click(trigger())
      const menu = await screen.findByRole('menu')
      expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
        'Manage account',
        'Billing',
        'Help center',
        'Sign out',
      ])
      expect(within(menu).getByRole('menuitem', { name: 'Help center' })).toHaveAttribute('href', '/help')
      await expectNoAxeViolations()
      await user.click(within(menu).getByRole('menuitem', { name: 'Billing' }))
      expect(onClick).toHaveBeenCalledTimes(1)
    })

    it('should move the built-in entries where the reserved labels stand', async () => {
      const user = userEvent.setup()
      render(
        <UserButtonView user={buildUser()} status="ready" messages={en} onManageAccount={() => {}} onSignOut={() => {}}>
          <UserButtonView.MenuItems>
            <UserButtonView.Action label="signOut" />
            <UserButtonView.Action label="Billing" onClick={() => {}} />
            <UserButtonView.Action label="manageAccount" />
          </UserButtonView.MenuItems>
        </UserButtonView>,
      )
      await user.click(trigger())
      const menu = await screen.findByRole('menu')
      expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
        'Sign out',
        'Billing',
        'Manage account',
      ])
    })
  })

  describe('given showName', () => {
    it('should show the name and keep "Open user menu" in the accessible name', async () => {
      render(<UserButtonView user={buildUser()} status="ready" messages={en} showName />)
      expect(trigger()).toHaveAccessibleName('Ada Lovelace Open user menu')
      await expectNoAxeViolations()
    })
  })

  describe('given a user with only a username and an image', () => {
    it('should show the image and the username in the menu', async () => {
      const user = userEvent.setup()
      render(<UserButtonView user={{ ...userWithUsernameOnly(), ...pick(userWithImage()) }} status="ready" messages={en} />)
      expect(trigger().querySelector('img')).toHaveAttribute('src', expect.stringMatching(/^data:image\/png/))
      await user.click(trigger())
      expect(await screen.findByRole('menu')).toHaveTextContent('ada')
      await expectNoAxeViolations()
    })
  })

  describe('while loading', () => {
    it('should render a placeholder of the trigger size and no button', async () => {
      const { container, rerender } = render(<UserButtonView user={null} status="loading" messages={en} />)
      expect(screen.queryByRole('button')).not.toBeInTheDocument()
      const placeholder = container.querySelector('[data-slot="user-button"]') as HTMLElement
      expect(placeholder).toHaveAttribute('data-state', 'loading')
      const loading = placeholder.getBoundingClientRect()
      rerender(<UserButtonView user={buildUser()} status="ready" messages={en} />)
      const ready = (container.querySelector('[data-slot="user-button"]') as HTMLElement).getBoundingClientRect()
      expect([loading.width, loading.height]).toEqual([ready.width, ready.height])
      await expectNoAxeViolations()
    })
  })

  describe('given a session that could not be loaded', () => {
    it('should offer a retry button of the trigger size that asks again', async () => {
      const user = userEvent.setup()
      const onRetry = vi.fn()
      render(<UserButtonView user={null} status="error" messages={en} onRetry={onRetry} />)
      const retry = screen.getByRole('button', { name: 'Could not load your account. Try again' })
      expect(screen.queryByRole('button', { name: /open user menu/i })).not.toBeInTheDocument()
      await user.click(retry)
      expect(onRetry).toHaveBeenCalledOnce()
      await expectNoAxeViolations()
    })

    it('should fall back to the placeholder when nobody can retry', () => {
      const { container } = render(<UserButtonView user={null} status="error" messages={en} />)
      expect(screen.queryByRole('button')).not.toBeInTheDocument()
      expect(container.querySelector('[data-slot="user-button-placeholder"]')).not.toBeNull()
    })
  })

  describe('given no user', () => {
    it('should render nothing', () => {
      const { container } = render(<UserButtonView user={null} status="ready" messages={en} />)
      expect(container).toBeEmptyDOMElement()
    })
  })

  describe('given a profile for the dialog', () => {
    it('should show a loading state, then the profile, and return focus to the trigger on Escape', async () => {
      const user = userEvent.setup()
      let resolve!: () => void
      const ready = new Promise<void>((r) => {
        resolve = r
      })
      const Profile = lazy(async () => {
        await ready
        return { default: () => <p>Profile content</p> }
      })
      render(<UserButtonView user={buildUser()} status="ready" messages={en} userProfile={<Profile />} onSignOut={() => {}} />)
      trigger().focus()
      await user.keyboard('{Enter}')
      await user.click(await screen.findByRole('menuitem', { name: 'Manage account' }))
      const dialog = await screen.findByRole('dialog', { name: 'Manage account' })
      expect(within(dialog).getByRole('status')).toHaveTextContent('Loading…')
      resolve()
      expect(await within(dialog).findByText('Profile content')).toBeVisible()
      await expectNoAxeViolations()
      await user.keyboard('{Escape}')
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
      await waitFor(() => expect(trigger()).toHaveFocus())
    })

    it('should close with the Close button', async () => {
      const user = userEvent.setup()
      render(<UserButtonView user={buildUser()} status="ready" messages={en} userProfile={<p>Profile content</p>} />)
      await user.click(trigger())
      await user.click(await screen.findByRole('menuitem', { name: 'Manage account' }))
      await user.click(await screen.findByRole('button', { name: 'Close' }))
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
      await waitFor(() => expect(trigger()).toHaveFocus())
    })
  })

  describe('given a dark theme scope', () => {
    it('should render the menu inside the scope so the theme reaches it', async () => {
      const user = userEvent.setup()
      render(
        <div data-uk-theme="dark" data-testid="scope">
          <UserButtonView user={buildUser()} status="ready" messages={en} onSignOut={() => {}} />
        </div>,
      )
      await user.click(trigger())
      const menu = await screen.findByRole('menu')
      expect(screen.getByTestId('scope')).toContainElement(menu)
      expect(getComputedStyle(menu).colorScheme).toBe('dark')
      await expectNoAxeViolations()
    })
  })
})

function pick(u: ReturnType<typeof userWithImage>) {
  return { hasImage: u.hasImage, imageUrl: u.imageUrl }
}
