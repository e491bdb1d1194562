/**
 * Text of the live stories' own chrome (the credentials hint, the dev outbox panel). Not part of
 * the kit's catalog: only Storybook shows it.
 */
export const liveMessages = {
  appLabel: 'Example app',
  credentials: 'Sign in as {email} with the password “{password}”.',
  outbox: {
    title: 'Dev outbox',
    empty: 'No messages sent yet.',
    to: 'To {to}',
    code: 'Code',
    unavailable: 'This server has no dev outbox.',
  },
}
