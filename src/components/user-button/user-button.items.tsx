'use client'
import type { ReactNode } from 'react'
import { elements } from '../shared/children.ts'

/** The two built-in entries, which a `<UserButton.Action label=…>` may reposition. */
export type ReservedLabel = 'manageAccount' | 'signOut'

export interface UserButtonActionProps {
  /** The entry's text, or `'manageAccount'` / `'signOut'` to place a built-in entry here. */
  label: string
  /** Called when the entry is chosen. Not needed for the built-in labels. */
  onClick?: () => void
  /** An icon before the label (decorative). */
  labelIcon?: ReactNode
}

export interface UserButtonLinkProps {
  /** The entry's text. */
  label: string
  /** Where the entry goes. */
  href: string
  /** An icon before the label (decorative). */
  labelIcon?: ReactNode
}

/** Holds the custom entries of the menu, in order. Renders nothing by itself. */
export function UserButtonMenuItems(_: { children?: ReactNode }): null {
  return null
}

/** A custom menu entry that runs `onClick`; or, with a reserved label, a built-in entry's place. */
export function UserButtonAction(_: UserButtonActionProps): null {
  return null
}

/** A custom menu entry that navigates to `href`. */
export function UserButtonLink(_: UserButtonLinkProps): null {
  return null
}

export type MenuEntry =
  | { kind: 'manageAccount' }
  | { kind: 'signOut' }
  | { kind: 'action'; label: string; onClick?: (() => void) | undefined; labelIcon?: ReactNode }
  | { kind: 'link'; label: string; href: string; labelIcon?: ReactNode }

/**
 * The menu's entries in order: by default Manage account, the custom entries, Sign out. A reserved
 * label places its built-in entry; a built-in entry left unplaced keeps its default end.
 */
export function menuEntries(children: ReactNode): MenuEntry[] {
  const custom: MenuEntry[] = []
  for (const holder of elements(children)) {
    if (holder.type !== UserButtonMenuItems) continue
    for (const el of elements((holder.props as { children?: ReactNode }).children)) {
      if (el.type === UserButtonAction) {
        const p = el.props as UserButtonActionProps
        if (p.label === 'manageAccount' || p.label === 'signOut') custom.push({ kind: p.label })
        else custom.push({ kind: 'action', label: p.label, onClick: p.onClick, labelIcon: p.labelIcon })
      } else if (el.type === UserButtonLink) {
        const p = el.props as UserButtonLinkProps
        custom.push({ kind: 'link', label: p.label, href: p.href, labelIcon: p.labelIcon })
      }
    }
  }
  const has = (kind: ReservedLabel) => custom.some((e) => e.kind === kind)
  return [
    ...(has('manageAccount') ? [] : [{ kind: 'manageAccount' } as const]),
    ...custom,
    ...(has('signOut') ? [] : [{ kind: 'signOut' } as const]),
  ]
}
