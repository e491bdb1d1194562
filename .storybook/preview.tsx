import type { Decorator, Preview } from '@storybook/react-vite'
import '@fontsource/inter/latin-400.css'
import '@fontsource/inter/latin-500.css'
import '@fontsource/inter/latin-600.css'
import '@fontsource/noto-sans-arabic/arabic-400.css'
import '@fontsource/noto-sans-arabic/arabic-500.css'
import '@fontsource/noto-sans-arabic/arabic-600.css'
import '../src/styles/tokens.css'
import './preview.css'
import { en } from '../src/localization/en.ts'
import { catalogFor, StoryLocaleContext, StoryMessagesContext, themeVariables } from '../stories/story-globals.tsx'

// Every component's stylesheet, in the same order the package build concatenates them.
import.meta.glob('../src/components/**/*.css', { eager: true })

/**
 * The toolbar's theme, brand colour and radius become `data-uk-theme` and `--uk-` variables on one
 * scope around the story (portals render inside it too); the language reaches views through their
 * `messages` arg and everything else through context.
 */
const withToolbar: Decorator = (Story, context) => {
  const theme = (context.parameters.theme as string | undefined) ?? (context.globals.theme as string) ?? 'light'
  const locale = (context.parameters.locale as string | undefined) ?? (context.globals.locale as string) ?? 'en'
  const messages = catalogFor(locale)
  const variables = themeVariables(context.globals.brand as string, context.globals.radius as string)
  const style = { padding: 24, minHeight: 320, background: 'var(--uk-c-background)', ...variables }
  // Views take the catalog as a prop: a story's `messages: en` follows the toolbar language.
  const args = context.args.messages === en ? { ...context.args, messages } : context.args
  return (
    // uk-root paints the theme's background behind the whole story, so dark stories are seen on dark.
    <div data-uk-theme={theme} lang={locale} className="uk-root uk-story-root" style={style}>
      <StoryLocaleContext.Provider value={locale}>
        <StoryMessagesContext.Provider value={messages}>
          <Story args={args} />
        </StoryMessagesContext.Provider>
      </StoryLocaleContext.Provider>
    </div>
  )
}

const preview: Preview = {
  decorators: [withToolbar],
  globalTypes: {
    theme: {
      description: 'Light or dark theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    brand: {
      description: 'Brand colour (--uk-color-primary)',
      toolbar: { title: 'Brand', icon: 'paintbrush', items: ['default', 'violet', 'teal', 'orange', 'rose'], dynamicTitle: true },
    },
    radius: {
      description: 'Corner radius (--uk-radius)',
      toolbar: { title: 'Radius', icon: 'circlehollow', items: ['none', 'small', 'default', 'large', 'round'], dynamicTitle: true },
    },
    locale: {
      description: 'Language of the messages',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'fr', title: 'Français' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', brand: 'default', radius: 'default', locale: 'en' },
  parameters: {
    // An accessibility violation fails the story's test.
    a11y: { test: 'error' },
    layout: 'padded',
    controls: { matchers: { color: /(background|color)$/i } },
  },
  tags: ['autodocs'],
}

export default preview
