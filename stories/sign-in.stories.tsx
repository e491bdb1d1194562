import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { UserkitApiError } from '../src/api/errors.ts'
import { SignInView } from '../src/components/sign-in/sign-in.view.tsx'
import { en } from '../src/localization/en.ts'
import { withSurface } from './surface.tsx'

const meta = {
  title: 'Components/SignIn',
  component: SignInView,
  args: { status: 'ready', messages: en, onSignIn: fn(async () => {}) },
  decorators: [withSurface],
} satisfies Meta<typeof SignInView>

export default meta
type Story = StoryObj<typeof meta>

export const Ready: Story = {}

export const Loading: Story = { args: { status: 'loading' } }

const fill = async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByRole('textbox', { name: en.signIn.identifier }), 'ada@example.com')
  await userEvent.type(canvas.getByLabelText(en.signIn.password), 'wrong{Enter}')
  return canvas
}

export const Pending: Story = {
  args: { onSignIn: fn(() => new Promise(() => {})) },
  play: async ({ canvasElement }) => {
    const canvas = await fill(canvasElement)
    await expect(canvas.getByRole('button', { name: en.signIn.pending })).toBeInTheDocument()
  },
}

export const WrongPassword: Story = {
  args: {
    onSignIn: fn(async () => {
      throw new UserkitApiError(422, [
        { code: 'form_password_incorrect', message: 'x', longMessage: 'x', meta: { paramName: 'password' } },
      ])
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = await fill(canvasElement)
    await expect(await canvas.findByText(en.errors.form_password_incorrect)).toBeInTheDocument()
  },
}

export const RateLimited: Story = {
  args: {
    onSignIn: fn(async () => {
      throw new UserkitApiError(429, [{ code: 'too_many_requests', message: 'x', longMessage: 'x', meta: {} }], 30)
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = await fill(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('30 seconds')
  },
}

export const Dark: Story = { parameters: { theme: 'dark' } }
