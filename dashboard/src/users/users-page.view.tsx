'use client'
import type { ReactNode } from 'react'
import { Button } from '../../../src/components/shared/button.tsx'
import { format } from '../../../src/localization/format.ts'
import type { DashboardMessages } from '../messages.ts'

export interface UsersPageViewProps {
  messages: DashboardMessages
  /** The search box's text. */
  search: string
  onSearchChange: (search: string) => void
  /** Opens the create-user dialog; missing hides the button. */
  onCreate?: () => void
  /** The table (`UsersTableView`). */
  children: ReactNode
  /** Paging: the first row's offset, the page size and the total (`null` while unknown). */
  offset: number
  limit: number
  total: number | null
  /** Called with the new offset by the pager. */
  onOffsetChange: (offset: number) => void
}

/** The Users page: title, search, create button, the table and the pager. */
export function UsersPageView({ messages, search, onSearchChange, onCreate, children, offset, limit, total, onOffsetChange }: UsersPageViewProps) {
  const t = messages.users
  const to = total === null ? offset + limit : Math.min(offset + limit, total)
  return (
    <section data-slot="dashboard-users" className="dk-page" aria-labelledby="dk-users-title">
      <div className="dk-page-header">
        <h1 id="dk-users-title" tabIndex={-1} data-slot="dashboard-page-title">
          {messages.title}
        </h1>
        {onCreate && (
          <Button variant="primary" onClick={onCreate}>
            {t.create}
          </Button>
        )}
      </div>
      <div className="dk-toolbar" role="search">
        <label className="uk-field" data-slot="field">
          <span data-slot="field-label" className="uk-field-label">
            {t.search}
          </span>
          <input
            data-slot="field-input"
            className="uk-field-input"
            type="search"
            value={search}
            onChange={(event) => onSearchChange(event.target.value)}
            aria-describedby="dk-search-hint"
          />
          <span id="dk-search-hint" data-slot="field-hint" className="uk-field-hint">
            {t.searchHint}
          </span>
        </label>
      </div>
      {children}
      <nav className="dk-pager" aria-label={t.pagerLabel}>
        <p aria-live="polite" data-slot="dashboard-range">
          {total === null || total === 0 ? '' : format(t.range, { from: offset + 1, to, total })}
        </p>
        <Button disabled={offset === 0} onClick={() => onOffsetChange(Math.max(0, offset - limit))}>
          {t.previous}
        </Button>
        <Button disabled={total === null || offset + limit >= total} onClick={() => onOffsetChange(offset + limit)}>
          {t.next}
        </Button>
      </nav>
    </section>
  )
}
