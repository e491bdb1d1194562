import type { Decorator } from '@storybook/react-vite'

/** Paints the theme's background behind a story, so dark stories are checked on dark. */
export const withSurface: Decorator = (Story) => (
  <div className="uk-root" style={{ background: 'var(--uk-c-background)', padding: 16, borderRadius: 12 }}>
    <Story />
  </div>
)
