import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { UserkitApiError } from '../../src/api/errors.ts'
import { UsernameSectionView } from '../../src/components/user-profile/username-section.view.tsx'
import { en } from '../../src/localization/en.ts'
import { buildUser } from '../fixtures/user.ts'
import { expectNoAxeViolations } from './axe.ts'

const refuse = (code: string, message: string, meta: Record<string, unknown> = { paramName: 'username' }) =>
  vi.fn(async () => {
    throw new UserkitApiError(422, [{ code, message, longMessage: message, meta }])
  })

describe('UsernameSectionView', () => {
  describe('given a user without a username', () => {
    it('should say so and offer Set username', async () => {
      render(<UsernameSectionView user={buildUser({ username: null })} messages={en} onUpdate={vi.fn()} />)
      expect(screen.getByRole('region', { name: 'Username' })).toHaveTextContent('No username yet')
      expect(screen.getByRole('button', { name: 'Set username' })).toBeInTheDocument()
      await expectNoAxeViolations()
    })
  })

  describe('when a new username is saved', () => {
    it('should send it, close the form and return focus to its opener', async () => {
      const user = userEvent.setup()
      const onUpdate = vi.fn(async () => {})
      render(<UsernameSectionView user={buildUser()} messages={en} onUpdate={onUpdate} />)
      await user.click(screen.getByRole('button', { name: 'Update username' }))
      const input = screen.getByRole('textbox', { name: 'Username' })
      expect(input).toHaveFocus()
      expect(input).toHaveAttribute('autocomplete', 'username')
      await expectNoAxeViolations()
      await user.clear(input)
      await user.type(input, 'countess{Enter}')
      expect(onUpdate).toHaveBeenCalledWith({ username: 'countess' })
      await waitFor(() => expect(screen.queryByRole('textbox')).not.toBeInTheDocument())
      expect(screen.getByRole('button', { name: 'Update username' })).toHaveFocus()
    })
  })

  describe('when the username is taken', () => {
    it('should show the error at the field and keep the text', async () => {
      const user = userEvent.setup()
      render(
        <UsernameSectionView
          user={buildUser()}
          messages={en}
          onUpdate={refuse('form_identifier_exists', 'That username is taken.')}
          defaultEditing
        />,
      )
      const input = screen.getByRole('textbox', { name: 'Username' })
      await user.clear(input)
      await user.type(input, 'babbage')
      await user.click(screen.getByRole('button', { name: 'Save' }))
      await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'))
      expect(input).toHaveAccessibleDescription(en.errors.form_identifier_exists)
      expect(input).toHaveValue('babbage')
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
      await expectNoAxeViolations()
    })
  })

  describe('when the username has the wrong length', () => {
    it('should fill the limits into the message', async () => {
      const user = userEvent.setup()
      render(
        <UsernameSectionView
          user={buildUser()}
          messages={en}
          minLength={4}
          maxLength={64}
          onUpdate={refuse('form_username_invalid_length', 'too short')}
          defaultEditing
        />,
      )
      const input = screen.getByRole('textbox', { name: 'Username' })
      await user.clear(input)
      await user.type(input, 'ab{Enter}')
      await waitFor(() =>
        expect(input).toHaveAccessibleDescription('Usernames must be between 4 and 64 characters long.'),
      )
    })

    it("should fall back to the server's text when no limits are known", async () => {
      const user = userEvent.setup()
      render(
        <UsernameSectionView
          user={buildUser()}
          messages={en}
          onUpdate={refuse('form_username_invalid_length', 'Usernames need 4 to 64 characters.')}
          defaultEditing
        />,
      )
      const input = screen.getByRole('textbox', { name: 'Username' })
      await user.type(input, 'x{Enter}')
      await waitFor(() => expect(input).toHaveAccessibleDescription('Usernames need 4 to 64 characters.'))
    })
  })
})
