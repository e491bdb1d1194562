import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { SERVER_BROWSER_DEPS } from './test/browser-deps.ts'
import { chromiumArgs, chromiumPath } from './test/chromium.ts'

const react18 = (path: string) => fileURLToPath(new URL(`./test/react18/node_modules/${path}`, import.meta.url))

// Vitest wants a fresh provider object per project, or it reports the project name twice.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
})

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/server/**/*.test.ts', 'test/api/**/*.test.ts', 'test/ssr/**/*.test.tsx'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'hooks',
          environment: 'happy-dom',
          include: ['test/hooks/**/*.test.tsx'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // The dashboard's tests run the real server in the page: its dependencies are pre-bundled at start.
        optimizeDeps: { include: SERVER_BROWSER_DEPS },
        test: {
          name: 'components',
          include: ['test/components/**/*.test.tsx'],
          setupFiles: ['test/components/setup.ts'],
          browser: browser(),
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        test: {
          name: 'storybook',
          browser: browser(),
          // Live stories boot PGlite in the page; the first one also waits for Vite to transform the server.
          testTimeout: 60_000,
        },
      },
      {
        // Screenshots of the "All states" stories against committed baselines (test/storybook/baselines/),
        // and the language catalog the Storybook toolbar offers.
        extends: true,
        // Pre-bundled at start: discovered mid-run, Vite would reload the page under a screenshot.
        optimizeDeps: { include: ['libphonenumber-js/min', ...SERVER_BROWSER_DEPS] },
        test: {
          name: 'visual',
          include: ['test/storybook/**/*.test.{ts,tsx}'],
          // The tester page must hold the whole frame, or Vitest scales it down and shots are clipped.
          browser: {
            ...browser(),
            provider: playwright({
              launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
              contextOptions: { viewport: { width: 1400, height: 3000 } },
            }),
            viewport: { width: 1100, height: 2800 },
            // Committed baselines live apart from the __screenshots__ of failures, which git ignores.
            expect: {
              toMatchScreenshot: {
                resolveScreenshotPath: ({ root, arg, browserName, platform, ext }) =>
                  `${root}/test/storybook/baselines/${arg}-${browserName}-${platform}${ext}`,
              },
            },
          },
        },
      },
      {
        // The oldest React the kit supports, installed apart by scripts/test.mjs.
        extends: true,
        resolve: {
          alias: [
            { find: /^react$/, replacement: react18('react/index.js') },
            { find: /^react\/(.*)$/, replacement: react18('react/$1') },
            { find: /^react-dom$/, replacement: react18('react-dom/index.js') },
            { find: /^react-dom\/(.*)$/, replacement: react18('react-dom/$1') },
            // Its CommonJS build would require React 19 past the aliases; the ESM build goes through them.
            {
              find: /^@testing-library\/react$/,
              replacement: fileURLToPath(new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url)),
            },
          ],
        },
        test: {
          name: 'react18',
          environment: 'happy-dom',
          include: ['test/react18/**/*.test.ts', 'test/hooks/**/*.test.tsx', 'test/ssr/**/*.test.tsx'],
          // Dependencies that import React must go through the aliases too.
          server: { deps: { inline: [/@tanstack\/react-query/, /@radix-ui/, /@testing-library\/react/, /react-remove-scroll/, /@floating-ui/] } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
