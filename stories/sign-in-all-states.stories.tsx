import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { UserkitApiError } from '../src/api/errors.ts'
import { SignInView } from '../src/components/sign-in/sign-in.view.tsx'
import { StateCell, StateGrid } from './state-grid.tsx'
import { catalogFor, useStoryMessages } from './story-globals.tsx'

/** Every state of <SignIn /> side by side; compared with a committed screenshot in `npm test`. */
const meta = {
  title: 'All states/SignIn',
  component: SignInView,
  tags: ['!autodocs', 'all-states'],
  // Repeating a component side by side repeats its landmarks (forms, navs, sections named alike),
  // which axe's landmark-unique rule rightly flags on a real page; each state is also a story of its
  // own, checked with every rule. (A literal: Storybook's CSF indexer reads meta statically.)
  parameters: { a11y: { options: { rules: { 'landmark-unique': { enabled: false } } } } },
  // The grid renders its own views; these args only satisfy the component's required props.
  args: { status: 'ready', messages: undefined as never, onSignIn: fn() },
} satisfies Meta<typeof SignInView>

export default meta
type Story = StoryObj<typeof meta>

// Messages as the server words them; the view shows the catalog's text for the codes it knows.
const refuse = (status: number, code: string, paramName?: string, retryAfter?: number) =>
  fn(async () => {
    const message = 'Something went wrong'
    throw new UserkitApiError(status, [{ code, message, longMessage: message, meta: paramName ? { paramName } : {} }], retryAfter)
  })

function AllStates() {
  const messages = useStoryMessages()
  return (
    <StateGrid label="SignIn" minCellWidth={320}>
      <StateCell label="Loading">
        <SignInView status="loading" messages={messages} onSignIn={fn()} />
      </StateCell>
      <StateCell label="Ready">
        <SignInView status="ready" messages={messages} onSignIn={fn(async () => {})} />
      </StateCell>
      <StateCell label="Pending">
        <div data-testid="pending">
          <SignInView status="ready" messages={messages} onSignIn={fn(() => new Promise(() => {}))} />
        </div>
      </StateCell>
      <StateCell label="Unknown identifier">
        <div data-testid="not-found">
          <SignInView status="ready" messages={messages} onSignIn={refuse(422, 'form_identifier_not_found', 'identifier')} />
        </div>
      </StateCell>
      <StateCell label="Wrong password">
        <div data-testid="wrong-password">
          <SignInView status="ready" messages={messages} onSignIn={refuse(422, 'form_password_incorrect', 'password')} />
        </div>
      </StateCell>
      <StateCell label="Rate limited">
        <div data-testid="rate-limited">
          <SignInView status="ready" messages={messages} onSignIn={refuse(429, 'too_many_requests', undefined, 30)} />
        </div>
      </StateCell>
      <StateCell label="Server error">
        <div data-testid="server-error">
          <SignInView status="ready" messages={messages} onSignIn={refuse(500, 'internal_clerk_error')} />
        </div>
      </StateCell>
      <StateCell label="Dark" theme="dark">
        <SignInView status="ready" messages={messages} onSignIn={fn(async () => {})} />
      </StateCell>
    </StateGrid>
  )
}

export const AllStatesStory: Story = {
  name: 'All states',
  render: () => <AllStates />,
  play: async ({ canvasElement, globals }) => {
    const t = catalogFor(globals.locale as string)
    const canvas = within(canvasElement)
    for (const id of ['pending', 'not-found', 'wrong-password', 'rate-limited', 'server-error']) {
      const cell = within(canvas.getByTestId(id))
      await userEvent.type(cell.getByRole('textbox', { name: t.signIn.identifier }), 'ada@example.com')
      await userEvent.type(cell.getByLabelText(t.signIn.password), 'not the password{Enter}')
    }
    await expect(within(canvas.getByTestId('pending')).getByRole('button', { name: t.signIn.pending })).toBeInTheDocument()
    await expect(await within(canvas.getByTestId('not-found')).findByText(t.errors.form_identifier_not_found)).toBeInTheDocument()
    await expect(await within(canvas.getByTestId('wrong-password')).findByText(t.errors.form_password_incorrect)).toBeInTheDocument()
    await expect(await within(canvas.getByTestId('rate-limited')).findByRole('alert')).toHaveTextContent('30')
    await expect(await within(canvas.getByTestId('server-error')).findByRole('alert')).toBeInTheDocument()
    ;(document.activeElement as HTMLElement | null)?.blur()
  },
}
