'use client'
import { useEffect, useState } from 'react'

/** The profile's pages, in navigation order; a section names the page it belongs to. */
export const userProfilePages = ['account', 'security'] as const
export type UserProfilePageId = (typeof userProfilePages)[number]

/** `#/` for the first page, `#/<id>` for the others. */
export function pageHash(page: UserProfilePageId): string {
  return page === 'account' ? '#/' : `#/${page}`
}

function fromHash(hash: string, pages: readonly UserProfilePageId[]): UserProfilePageId | undefined {
  // Only `#/…` hashes are ours; an app's own anchors (`#top`) leave the page alone.
  if (!hash.startsWith('#/')) return undefined
  const id = hash.slice(2).split(/[/?]/)[0] || 'account'
  return pages.find((p) => p === id)
}

/**
 * The current page: from the URL hash (`'hash'`, following back/forward) or from state
 * (`'virtual'`, in the modal). The first render is always the first page, as on the server.
 */
export function useUserProfilePage(
  routing: 'hash' | 'virtual',
  pages: readonly UserProfilePageId[],
): [UserProfilePageId, (page: UserProfilePageId) => void] {
  const first = pages[0] ?? 'account'
  const [page, setPage] = useState<UserProfilePageId>(first)
  useEffect(() => {
    if (routing !== 'hash') return
    const sync = () => setPage((current) => fromHash(window.location.hash, pages) ?? current)
    sync()
    window.addEventListener('hashchange', sync)
    return () => window.removeEventListener('hashchange', sync)
  }, [routing, pages])
  const current = pages.includes(page) ? page : first
  return [current, setPage]
}
