'use client'
import { format } from '../../../src/localization/format.ts'
import { Avatar } from '../../../src/components/avatar/avatar.tsx'
import { Button } from '../../../src/components/shared/button.tsx'
import { MoreIcon } from '../icons.tsx'
import { displayName, formatDate, fullName, primaryEmail, primaryPhone } from '../display.ts'
import type { DashboardMessages } from '../messages.ts'
import { MenuContent, MenuItem, MenuPortal, MenuRoot, MenuTrigger, usePortalContainer } from '../parts.tsx'
import type { UserOrderBy } from '../types.ts'
import type { BackendUserJSON } from '../../../src/wire/index.ts'

export interface UsersTableViewProps {
  messages: DashboardMessages
  /** `'loading'` shows a placeholder row, `'error'` the error and a retry button. */
  state: 'loading' | 'error' | 'ready'
  /** The page of users shown (when ready). */
  users: readonly BackendUserJSON[]
  /** The search the list answers, for the "no match" text. Default `''`. */
  query?: string
  /** The current order. */
  orderBy: UserOrderBy
  /** Called with the new order when a sortable column header is pressed; missing: headers are not buttons. */
  onOrderByChange?: (orderBy: UserOrderBy) => void
  /** The user page's address, for the name link. */
  hrefFor: (user: BackendUserJSON) => string
  /** Called when a user is opened (the name link or the row menu's Open). */
  onOpen: (user: BackendUserJSON) => void
  /** Called from the row menu's Delete; missing hides the item. */
  onDelete?: (user: BackendUserJSON) => void
  /** The error's text in the `'error'` state. */
  errorText?: string | undefined
  /** Called by the retry button in the `'error'` state. */
  onRetry?: () => void
}

type SortColumn = 'created_at' | 'last_sign_in_at'

/** The users table: avatar and name, primary email and phone, username, created, last sign-in, a menu per row. */
export function UsersTableView(props: UsersTableViewProps) {
  const { messages, state, users, query = '', orderBy, onOrderByChange, hrefFor, onOpen, onDelete, errorText, onRetry } = props
  const t = messages.users
  const container = usePortalContainer()

  const header = (column: SortColumn, label: string) => {
    const active = orderBy.slice(1) === column
    const descending = orderBy.startsWith('-')
    const sort = active ? (descending ? 'descending' : 'ascending') : 'none'
    if (!onOrderByChange) return <th scope="col" aria-sort={sort}>{label}</th>
    const next: UserOrderBy = `${active && descending ? '+' : '-'}${column}` as UserOrderBy
    const hint = format(next.startsWith('-') ? t.sortDescending : t.sortAscending, { column: label })
    return (
      <th scope="col" aria-sort={sort}>
        <button type="button" data-slot="dashboard-sort" data-state={sort} title={hint} onClick={() => onOrderByChange(next)}>
          {label}
          <span aria-hidden="true" data-slot="dashboard-sort-arrow" />
        </button>
      </th>
    )
  }

  return (
    <div data-slot="dashboard-table-wrap" data-state={state} className="dk-table-wrap">
      <table data-slot="dashboard-table" className="dk-table" aria-label={t.tableLabel} aria-busy={state === 'loading' || undefined}>
        <thead>
          <tr>
            <th scope="col">{t.columns.user}</th>
            <th scope="col">{t.columns.email}</th>
            <th scope="col">{t.columns.phone}</th>
            <th scope="col">{t.columns.username}</th>
            {header('created_at', t.columns.created)}
            {header('last_sign_in_at', t.columns.lastSignIn)}
            <th scope="col">
              <span className="uk-sr-only">{t.columns.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {state === 'loading' && (
            <tr data-slot="dashboard-table-status">
              <td colSpan={7}>{messages.loading}</td>
            </tr>
          )}
          {state === 'error' && (
            <tr data-slot="dashboard-table-status">
              <td colSpan={7}>
                <p role="alert" className="uk-banner" data-slot="banner">
                  {errorText ?? t.loadError}
                </p>
                {onRetry && <Button onClick={onRetry}>{messages.retry}</Button>}
              </td>
            </tr>
          )}
          {state === 'ready' && users.length === 0 && (
            <tr data-slot="dashboard-table-status">
              <td colSpan={7}>{query ? format(t.noMatch, { query }) : t.empty}</td>
            </tr>
          )}
          {state === 'ready' &&
            users.map((user) => {
              const name = displayName(user)
              return (
                <tr key={user.id} data-slot="dashboard-row" data-state={user.banned ? 'banned' : 'active'}>
                  <td>
                    <span className="dk-user-cell">
                      <Avatar src={user.has_image ? user.image_url : null} name={name} size="sm" />
                      <a
                        href={hrefFor(user)}
                        onClick={(event) => {
                          if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return
                          event.preventDefault()
                          onOpen(user)
                        }}
                      >
                        {fullName(user) ?? name}
                      </a>
                      {user.banned && <span data-slot="dashboard-badge" data-variant="danger">{t.banned}</span>}
                    </span>
                  </td>
                  <td>{primaryEmail(user) ?? t.none}</td>
                  <td>{primaryPhone(user) ?? t.none}</td>
                  <td>{user.username ?? t.none}</td>
                  <td>{formatDate(user.created_at)}</td>
                  <td>{user.last_sign_in_at === null ? t.never : formatDate(user.last_sign_in_at)}</td>
                  <td>
                    <MenuRoot modal={false}>
                      <MenuTrigger asChild>
                        <Button variant="ghost" aria-label={format(t.rowActions, { name })}>
                          <MoreIcon />
                        </Button>
                      </MenuTrigger>
                      <MenuPortal container={container}>
                        <MenuContent align="end" sideOffset={4} className="uk-root">
                          <MenuItem onSelect={() => onOpen(user)}>{t.open}</MenuItem>
                          {onDelete && (
                            <MenuItem data-variant="danger" onSelect={() => onDelete(user)}>
                              {t.delete}
                            </MenuItem>
                          )}
                        </MenuContent>
                      </MenuPortal>
                    </MenuRoot>
                  </td>
                </tr>
              )
            })}
        </tbody>
      </table>
    </div>
  )
}
