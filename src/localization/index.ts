import type { Messages } from './en.ts'
import type { DeepPartial } from './merge.ts'

export { en, type Messages } from './en.ts'
export { format } from './format.ts'
export { fr } from './fr.ts'
export { mergeMessages, type DeepPartial } from './merge.ts'

/** Any subset of the English catalog, for <UserkitProvider localization={…}>. */
export type Localization = DeepPartial<Messages>
