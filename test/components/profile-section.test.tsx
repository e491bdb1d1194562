import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { UserkitApiError } from '../../src/api/errors.ts'
import { ProfileSectionView } from '../../src/components/user-profile/profile-section.view.tsx'
import { en } from '../../src/localization/en.ts'
import { buildUser, pngDataUrl, userWithImage } from '../fixtures/user.ts'
import { expectNoAxeViolations } from './axe.ts'

const item = (code: string, message: string, paramName?: string) => ({
  code,
  message,
  longMessage: message,
  meta: paramName ? { paramName } : {},
})

async function pngFile(name = 'me.png'): Promise<File> {
  const blob = await (await fetch(pngDataUrl)).blob()
  return new File([blob], name, { type: 'image/png' })
}

const uploadInput = () => screen.getByLabelText('Upload image', { selector: 'input' }) as HTMLInputElement

describe('ProfileSectionView', () => {
  describe('given a user and both callbacks', () => {
    it('should show the name and open a prefilled form on Update profile', async () => {
      const user = userEvent.setup()
      render(<ProfileSectionView user={buildUser()} messages={en} onUpdate={vi.fn()} onSetImage={vi.fn()} />)
      const section = screen.getByRole('region', { name: 'Profile' })
      expect(section).toHaveTextContent('Ada Lovelace')
      await expectNoAxeViolations()
      await user.click(within(section).getByRole('button', { name: 'Update profile' }))
      expect(screen.getByRole('textbox', { name: 'First name' })).toHaveValue('Ada')
      expect(screen.getByRole('textbox', { name: 'First name' })).toHaveFocus()
      expect(screen.getByRole('textbox', { name: 'Last name' })).toHaveValue('Lovelace')
      expect(screen.getByRole('textbox', { name: 'First name' })).toHaveAttribute('autocomplete', 'given-name')
      await expectNoAxeViolations()
    })
  })

  describe('given no callbacks', () => {
    it('should offer no edit control', () => {
      render(<ProfileSectionView user={buildUser()} messages={en} />)
      expect(screen.queryByRole('button')).not.toBeInTheDocument()
    })
  })

  describe('when a new first name is saved', () => {
    it('should send only the changed name, show the pending state, and close', async () => {
      const user = userEvent.setup()
      let resolve!: () => void
      const onUpdate = vi.fn(() => new Promise<void>((r) => (resolve = r)))
      render(<ProfileSectionView user={buildUser()} messages={en} onUpdate={onUpdate} defaultEditing />)
      const first = screen.getByRole('textbox', { name: 'First name' })
      await user.clear(first)
      await user.type(first, 'Augusta')
      await user.click(screen.getByRole('button', { name: 'Save' }))
      expect(onUpdate).toHaveBeenCalledWith({ firstName: 'Augusta' })
      expect(screen.getByRole('button', { name: 'Saving…' })).toHaveAttribute('aria-disabled', 'true')
      expect(screen.getByRole('form', { name: 'Update profile' })).toHaveAttribute('data-state', 'pending')
      await expectNoAxeViolations()
      resolve()
      await waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument())
      await waitFor(() => expect(screen.getByRole('button', { name: 'Update profile' })).toHaveFocus())
    })
  })

  describe('when the server refuses the names', () => {
    it('should put a param error at its field, the rest in a banner, and keep what was typed', async () => {
      const user = userEvent.setup()
      const onUpdate = vi.fn(async () => {
        throw new UserkitApiError(422, [
          item('form_param_max_length_exceeded', 'first_name is too long', 'first_name'),
          item('some_new_code', 'The server is in maintenance mode.'),
        ])
      })
      render(<ProfileSectionView user={buildUser()} messages={en} onUpdate={onUpdate} defaultEditing />)
      const first = screen.getByRole('textbox', { name: 'First name' })
      await user.clear(first)
      await user.type(first, 'A very long first name')
      await user.click(screen.getByRole('button', { name: 'Save' }))
      await waitFor(() => expect(first).toHaveAttribute('aria-invalid', 'true'))
      expect(first).toHaveAccessibleDescription('This value is too long.')
      expect(first).toHaveValue('A very long first name')
      expect(screen.getByRole('textbox', { name: 'Last name' })).not.toHaveAttribute('aria-invalid')
      expect(screen.getByRole('alert')).toHaveTextContent('The server is in maintenance mode.')
      expect(screen.getByRole('form', { name: 'Update profile' })).toHaveAttribute('data-state', 'error')
      await expectNoAxeViolations()
    })

    it('should show a generic banner for an error that is not from the API', async () => {
      const user = userEvent.setup()
      render(
        <ProfileSectionView
          user={buildUser()}
          messages={en}
          onUpdate={async () => Promise.reject(new TypeError('boom'))}
          defaultEditing
        />,
      )
      await user.type(screen.getByRole('textbox', { name: 'Last name' }), '-King')
      await user.click(screen.getByRole('button', { name: 'Save' }))
      expect(await screen.findByRole('alert')).toHaveTextContent(en.errors.unknown)
    })
  })

  describe('when an image is chosen', () => {
    it('should preview it before saving and upload it on Save', async () => {
      const user = userEvent.setup()
      const onSetImage = vi.fn(async () => {})
      render(<ProfileSectionView user={buildUser()} messages={en} onSetImage={onSetImage} onUpdate={vi.fn()} defaultEditing />)
      const group = screen.getByRole('group', { name: 'Profile image' })
      expect(within(group).queryByRole('img')).toHaveAttribute('aria-label', 'Profile image')
      const file = await pngFile()
      await user.upload(uploadInput(), file)
      const preview = within(group).getByRole('img', { name: 'Profile image' })
      expect(preview).toHaveAttribute('src', expect.stringMatching(/^blob:/))
      expect(group).toHaveAttribute('data-state', 'preview')
      expect(onSetImage).not.toHaveBeenCalled()
      await expectNoAxeViolations()
      await user.click(screen.getByRole('button', { name: 'Save' }))
      expect(onSetImage).toHaveBeenCalledWith(file)
    })

    it('should refuse a file that is not an image, with a clear message', async () => {
      const user = userEvent.setup({ applyAccept: false })
      const onSetImage = vi.fn()
      render(<ProfileSectionView user={buildUser()} messages={en} onSetImage={onSetImage} defaultEditing />)
      await user.upload(uploadInput(), new File(['%PDF-1.7'], 'cv.pdf', { type: 'application/pdf' }))
      expect(screen.getByRole('alert')).toHaveTextContent(en.userProfile.profile.imageWrongType)
      await expectNoAxeViolations()
    })

    it('should refuse an image over 10 MB', async () => {
      const user = userEvent.setup()
      render(<ProfileSectionView user={buildUser()} messages={en} onSetImage={vi.fn()} defaultEditing />)
      const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.png', { type: 'image/png' })
      await user.upload(uploadInput(), big)
      expect(screen.getByRole('alert')).toHaveTextContent('This image is larger than 10 MB. Choose a smaller one.')
    })
  })

  describe('given a user with an image, when Remove image is chosen and saved', () => {
    it('should show the initials and remove the image', async () => {
      const user = userEvent.setup()
      const onSetImage = vi.fn(async () => {})
      render(<ProfileSectionView user={userWithImage()} messages={en} onSetImage={onSetImage} defaultEditing />)
      const group = screen.getByRole('group', { name: 'Profile image' })
      expect(within(group).getByRole('img', { name: 'Profile image' })).toHaveAttribute('src', pngDataUrl)
      await user.click(within(group).getByRole('button', { name: 'Remove image' }))
      expect(within(group).getByRole('img', { name: 'Profile image' }).querySelector('[data-initials]')).toHaveAttribute('data-initials', 'AL')
      await user.click(screen.getByRole('button', { name: 'Save' }))
      expect(onSetImage).toHaveBeenCalledWith(null)
    })
  })

  describe('when the upload is refused by the server', () => {
    it('should show what the server refused at the image', async () => {
      const user = userEvent.setup()
      const onSetImage = vi.fn(async () => {
        throw new UserkitApiError(422, [item('form_param_format_invalid', 'is not a supported image', 'file')])
      })
      render(<ProfileSectionView user={buildUser()} messages={en} onSetImage={onSetImage} defaultEditing />)
      await user.upload(uploadInput(), await pngFile())
      await user.click(screen.getByRole('button', { name: 'Save' }))
      const group = screen.getByRole('group', { name: 'Profile image' })
      expect(await within(group).findByRole('alert')).toHaveTextContent(en.errors.form_param_format_invalid_file)
    })
  })

  describe('when Cancel is chosen', () => {
    it('should drop the changes', async () => {
      const user = userEvent.setup()
      const onUpdate = vi.fn()
      render(<ProfileSectionView user={buildUser()} messages={en} onUpdate={onUpdate} />)
      await user.click(screen.getByRole('button', { name: 'Update profile' }))
      await user.type(screen.getByRole('textbox', { name: 'First name' }), 'xyz')
      await user.click(screen.getByRole('button', { name: 'Cancel' }))
      expect(onUpdate).not.toHaveBeenCalled()
      await user.click(screen.getByRole('button', { name: 'Update profile' }))
      expect(screen.getByRole('textbox', { name: 'First name' })).toHaveValue('Ada')
    })
  })
})
