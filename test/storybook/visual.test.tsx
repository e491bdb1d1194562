/**
 * Visual regression: each "All states" story, rendered with Storybook's own preview (theme scope,
 * bundled Inter font, every stylesheet), must match its committed screenshot in
 * test/storybook/baselines/. After a deliberate visual change: `npm run test:visual:update`.
 */
import { composeStories, setProjectAnnotations } from '@storybook/react-vite'
import { afterEach, beforeAll, expect, test } from 'vitest'
import { page } from 'vitest/browser'
import preview from '../../.storybook/preview.tsx'
import * as sections from '../../stories/sections-all-states.stories.tsx'
import * as signIn from '../../stories/sign-in-all-states.stories.tsx'
import * as userButton from '../../stories/user-button-all-states.stories.tsx'
import * as userProfile from '../../stories/user-profile-all-states.stories.tsx'

const annotations = setProjectAnnotations([preview])
beforeAll(annotations.beforeAll)

type Composed = { run: (context?: { canvasElement?: HTMLElement; globals?: Record<string, string> }) => Promise<void> }

const cases: [string, Composed, Record<string, string>?][] = [
  ['user-button', composeStories(userButton).AllStatesStory],
  ['user-profile', composeStories(userProfile).AllStatesStory],
  ['user-profile-sections', composeStories(userProfile).SectionsAllStates],
  ['sign-in', composeStories(signIn).AllStatesStory],
  ['email-addresses', composeStories(sections).EmailAddresses],
  ['phone-numbers', composeStories(sections).PhoneNumbers],
  ['connected-accounts', composeStories(sections).ConnectedAccounts],
  // The toolbar's language: longer French texts must fit as well.
  ['sign-in-fr', composeStories(signIn).AllStatesStory, { locale: 'fr' }],
  ['user-profile-sections-fr', composeStories(userProfile).SectionsAllStates, { locale: 'fr' }],
]

let canvas: HTMLElement | undefined
afterEach(() => {
  canvas?.remove()
  canvas = undefined
})

test.each(cases)('%s matches its screenshot', async (name, Story, globals) => {
  canvas = document.body.appendChild(document.createElement('div'))
  await Story.run({ canvasElement: canvas, ...(globals && { globals }) })
  // The bundled Inter must be in use, or the screenshot would show a fallback font.
  await document.fonts.ready
  expect([...document.fonts].some((f) => f.family.includes('Inter') && f.status === 'loaded')).toBe(true)
  await expect.element(page.getByTestId('all-states')).toMatchScreenshot(name, {
    // Debian's Chromium moves between versions: tolerate anti-aliasing, not a changed state.
    comparatorName: 'pixelmatch',
    comparatorOptions: { threshold: 0.2, allowedMismatchedPixelRatio: 0.002 },
    // On a busy machine two equal shots in a row can take a while. Vitest 4.1 never clears this
    // timer, so past its 10 s shutdown grace a longer one would hold the process open at exit.
    timeout: 8_000,
  })
})
