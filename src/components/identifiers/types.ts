import type { Messages } from '../../localization/en.ts'

/** One email address or phone number as the identifier views show it. */
export interface IdentifierItem {
  readonly id: string
  /** What the row shows: the address, or the number formatted for reading. */
  readonly label: string
  readonly verified: boolean
}

/** How an identifier is verified from the section: a code to type, or a link to open. */
export type VerifyMethod = 'code' | 'link'

/**
 * Where the section's flow is: the list, the add form, the code form or the "check your inbox"
 * step for one identifier. `retryAfter` starts the resend countdown (a 429 on sending).
 */
export type IdentifierFlow =
  | { readonly step: 'list' }
  | { readonly step: 'add' }
  | { readonly step: 'code'; readonly id: string; readonly retryAfter?: number; readonly error?: string }
  | { readonly step: 'link'; readonly id: string; readonly retryAfter?: number; readonly error?: string }

/** The strings both sections share the shape of (`userProfile.emailAddresses`, `.phoneNumbers`). */
type EmailStrings = Messages['userProfile']['emailAddresses']
export type IdentifierStrings = Pick<
  EmailStrings,
  'title' | 'add' | 'addTitle' | 'label' | 'empty' | 'menu' | 'removeTitle' | 'removeDescription' | 'verifyTitle' | 'codeSent' | 'verified' | 'removed' | 'primarySet'
> &
  Partial<Pick<EmailStrings, 'linkSent' | 'linkWaiting' | 'useLink' | 'useCode' | 'resendLink' | 'resendLinkIn'>>

/** Seconds before "Resend" comes back after a code or link was sent, unless the server says longer. */
export const RESEND_COOLDOWN = 30
