import type { Decorator, Preview } from '@storybook/react-vite'
import '../src/styles/tokens.css'

// Every component's stylesheet, in the same order the package build concatenates them.
import.meta.glob('../src/components/**/*.css', { eager: true })

const withTheme: Decorator = (Story, context) => {
  const theme = (context.parameters.theme as string | undefined) ?? (context.globals.theme as string) ?? 'light'
  return (
    <div data-uk-theme={theme} className="uk-story-root" style={{ padding: 24, minHeight: 320 }}>
      <Story />
    </div>
  )
}

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Light or dark theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    // An accessibility violation fails the story's test.
    a11y: { test: 'error' },
    layout: 'padded',
    controls: { matchers: { color: /(background|color)$/i } },
  },
  tags: ['autodocs'],
}

export default preview
