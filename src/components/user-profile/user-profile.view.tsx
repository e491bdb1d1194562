'use client'
import type { ReactNode } from 'react'
import type { Messages } from '../../localization/en.ts'
import { cx } from '../shared/cx.ts'
import { type UserProfilePageId, pageHash } from './pages.ts'

export interface UserProfileViewProps {
  /** `'loading'` renders a placeholder of the profile's size. */
  status: 'loading' | 'ready'
  messages: Messages
  /** The pages that have sections, in order. Default: `['account']`. */
  pages?: readonly UserProfilePageId[]
  /** The page shown. Default: the first of `pages`. */
  page?: UserProfilePageId
  /** `'hash'`: the navigation is links to `#/…`; `'virtual'`: buttons calling `onNavigate`. Default: `'hash'`. */
  routing?: 'hash' | 'virtual'
  /** Called when a page is chosen (in `'hash'` routing the link changes the hash as well). */
  onNavigate?: (page: UserProfilePageId) => void
  /** The sections of the page shown. */
  children?: ReactNode
  /** Merged last onto the root element. */
  className?: string
}

/** The profile's frame: page navigation, the page title and its sections. */
export function UserProfileView({
  status,
  messages,
  pages = ['account'],
  page = pages[0] ?? 'account',
  routing = 'hash',
  onNavigate,
  children,
  className,
}: UserProfileViewProps) {
  const t = messages.userProfile
  if (status === 'loading') {
    return (
      <div data-slot="user-profile" data-state="loading" className={cx('uk-root uk-user-profile', className)}>
        <span data-slot="user-profile-placeholder" className="uk-user-profile-placeholder" aria-hidden="true" />
      </div>
    )
  }
  return (
    <div data-slot="user-profile" data-state="ready" data-routing={routing} className={cx('uk-root uk-user-profile', className)}>
      <nav aria-label={t.navLabel} data-slot="user-profile-nav" className="uk-user-profile-nav">
        <ul>
          {pages.map((id) => {
            const current = id === page ? 'page' : undefined
            return (
              <li key={id}>
                {routing === 'hash' ? (
                  <a data-slot="user-profile-nav-item" href={pageHash(id)} aria-current={current} onClick={() => onNavigate?.(id)}>
                    {t.pages[id]}
                  </a>
                ) : (
                  <button type="button" data-slot="user-profile-nav-item" aria-current={current} onClick={() => onNavigate?.(id)}>
                    {t.pages[id]}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      </nav>
      <div data-slot="user-profile-page" data-page={page} className="uk-user-profile-page">
        <header data-slot="user-profile-header">
          <h2>{t.pages[page]}</h2>
          <p>{t.pageDescriptions[page]}</p>
        </header>
        {children}
      </div>
    </div>
  )
}
