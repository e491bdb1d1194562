import type { StorybookConfig } from '@storybook/react-vite'
import { SERVER_BROWSER_DEPS } from '../test/browser-deps.ts'

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen' },
  async viteFinal(config) {
    return {
      ...config,
      // Relative asset URLs, so the static build works from any folder of any static file server.
      base: './',
      // PGlite loads its wasm and data files with `new URL(…, import.meta.url)`: pre-bundling
      // would move the module away from them (PGlite's documented fix for Vite).
      // The server's own dependencies are pre-bundled at start: found mid-run by a live story, Vite
      // would re-optimize and reload the page under a running test.
      optimizeDeps: {
        ...config.optimizeDeps,
        include: [...(config.optimizeDeps?.include ?? []), ...SERVER_BROWSER_DEPS],
        exclude: [...(config.optimizeDeps?.exclude ?? []), '@electric-sql/pglite'],
      },
    }
  },
}

export default config
