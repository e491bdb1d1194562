import { createContext, useContext } from 'react'
import { en, type Messages } from '../src/localization/en.ts'
import { fr } from '../src/localization/fr.ts'
import { type Localization, mergeMessages } from '../src/localization/index.ts'

/** The languages of the toolbar: the provider's `localization` for each (English needs none). */
export const localizations: Record<string, Localization | undefined> = { en: undefined, fr }

/** The full catalog of a toolbar language, as a view's `messages` prop wants it. */
export function catalogFor(locale: string | undefined): Messages {
  return mergeMessages(en, localizations[locale ?? 'en'])
}

/** Brand colours of the toolbar, each a light/dark pair that keeps text on it readable (WCAG AA). */
export const brands: Record<string, { primary: string; foreground: string; focus: string } | undefined> = {
  default: undefined,
  violet: { primary: 'light-dark(#6d28d9, #c4b5fd)', foreground: 'light-dark(#ffffff, #17102b)', focus: 'light-dark(#6d28d9, #c4b5fd)' },
  teal: { primary: 'light-dark(#0f766e, #5eead4)', foreground: 'light-dark(#ffffff, #042f2e)', focus: 'light-dark(#0f766e, #5eead4)' },
  orange: { primary: 'light-dark(#c2410c, #fdba74)', foreground: 'light-dark(#ffffff, #2b1105)', focus: 'light-dark(#c2410c, #fdba74)' },
  rose: { primary: 'light-dark(#be123c, #fda4af)', foreground: 'light-dark(#ffffff, #2b0711)', focus: 'light-dark(#be123c, #fda4af)' },
}

/** Radii of the toolbar (the value of `--uk-radius`). */
export const radii: Record<string, string> = { none: '0rem', small: '0.25rem', default: '0.5rem', large: '0.75rem', round: '1rem' }

/** The `--uk-` variables a brand and radius choice set on the story's theme scope; nothing else changes. */
export function themeVariables(brand: string | undefined, radius: string | undefined): Record<string, string> {
  const vars: Record<string, string> = {}
  const b = brands[brand ?? 'default']
  if (b) {
    vars['--uk-color-primary'] = b.primary
    vars['--uk-color-primary-foreground'] = b.foreground
    vars['--uk-color-focus'] = b.focus
  }
  const r = radii[radius ?? 'default']
  if (r && radius !== 'default') {
    vars['--uk-radius'] = r
    // tokens.css derives it on :root, where the override above is not seen.
    vars['--uk-radius-large'] = `calc(${r} * 1.5)`
  }
  return vars
}

/** The catalog of the toolbar's language, for stories that render views inside JSX of their own. */
export const StoryMessagesContext = createContext<Messages>(en)

/** The toolbar language's catalog. */
export const useStoryMessages = (): Messages => useContext(StoryMessagesContext)

/** The toolbar language as a provider `localization` (undefined for English). */
export const StoryLocaleContext = createContext<string>('en')
