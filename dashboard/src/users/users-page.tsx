'use client'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { errorMessage, fieldErrors } from '../api.ts'
import { useDashboard } from '../context.tsx'
import { displayName } from '../display.ts'
import { dashboardKeys, dashboardQueries } from '../queries.ts'
import { userPath } from '../router.ts'
import { type CreateUserDraft, emptyDraft, type UserOrderBy } from '../types.ts'
import type { BackendUserJSON } from '../../../src/wire/index.ts'
import { CREATE_USER_PARAMS, CreateUserDialogView } from './create-user-dialog.view.tsx'
import { DeleteUserDialogView } from './delete-user-dialog.view.tsx'
import { UsersPageView } from './users-page.view.tsx'
import { UsersTableView } from './users-table.view.tsx'

/** Rows per page. */
export const PAGE_SIZE = 10
/** Typing pauses this long before the search is sent. */
const SEARCH_DELAY_MS = 250

/** The connected Users page: search, sort, paging, create and delete, all over the Backend API. */
export function UsersPage() {
  const { api, messages, navigate } = useDashboard()
  const queryClient = useQueryClient()
  const [search, setSearch] = useState('')
  const [query, setQuery] = useState('')
  const [offset, setOffset] = useState(0)
  const [orderBy, setOrderBy] = useState<UserOrderBy>('-created_at')
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim())
      setOffset(0)
    }, SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [search])

  const params = { query, limit: PAGE_SIZE, offset, orderBy }
  const users = useQuery({ ...dashboardQueries.userList(api, params), placeholderData: keepPreviousData })
  const count = useQuery({ ...dashboardQueries.userCount(api, query), placeholderData: keepPreviousData })

  // Create: the draft lives here, so closing the dialog or a failed request loses nothing typed.
  const [createOpen, setCreateOpen] = useState(false)
  const [draft, setDraft] = useState<CreateUserDraft>(emptyDraft)
  const create = useMutation({
    mutationFn: () => api.createUser(draft),
    onSuccess: (user) => {
      queryClient.setQueryData(dashboardKeys.user(user.id), user)
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.users() })
      setDraft(emptyDraft)
      setCreateOpen(false)
    },
  })
  const createErrors = fieldErrors(create.error, Object.values(CREATE_USER_PARAMS), messages.unknownError)

  const [toDelete, setToDelete] = useState<BackendUserJSON | null>(null)
  const remove = useMutation({
    mutationFn: (user: BackendUserJSON) => api.deleteUser(user.id),
    onSuccess: (_, user) => {
      queryClient.removeQueries({ queryKey: dashboardKeys.user(user.id) })
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.users() })
      setToDelete(null)
    },
  })

  const total = count.data ?? null
  // Deleting the last row of the last page leaves an empty page: step back to one that has rows.
  useEffect(() => {
    if (total !== null && offset > 0 && offset >= total) setOffset(Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE))
  }, [total, offset])

  return (
    <>
      <UsersPageView
        messages={messages}
        search={search}
        onSearchChange={setSearch}
        onCreate={() => setCreateOpen(true)}
        offset={offset}
        limit={PAGE_SIZE}
        total={total}
        onOffsetChange={setOffset}
      >
        <UsersTableView
          messages={messages}
          state={users.isError ? 'error' : users.data ? 'ready' : 'loading'}
          users={users.data ?? []}
          query={query}
          orderBy={orderBy}
          onOrderByChange={(next) => {
            setOrderBy(next)
            setOffset(0)
          }}
          hrefFor={(user) => userPath(user.id)}
          onOpen={(user) => navigate(userPath(user.id))}
          onDelete={(user) => {
            remove.reset()
            setToDelete(user)
          }}
          errorText={users.error ? errorMessage(users.error, messages.users.loadError) : undefined}
          onRetry={() => void users.refetch()}
        />
      </UsersPageView>
      <CreateUserDialogView
        messages={messages}
        open={createOpen}
        onOpenChange={setCreateOpen}
        draft={draft}
        onDraftChange={setDraft}
        onSubmit={() => create.mutate()}
        state={create.isPending ? 'pending' : 'idle'}
        fieldErrors={createErrors.fields}
        banner={createErrors.banner}
      />
      <DeleteUserDialogView
        messages={messages}
        open={toDelete !== null}
        onOpenChange={(open) => !open && setToDelete(null)}
        name={toDelete ? displayName(toDelete) : ''}
        onConfirm={() => toDelete && remove.mutate(toDelete)}
        state={remove.isPending ? 'pending' : 'idle'}
        error={remove.error ? errorMessage(remove.error, messages.unknownError) : null}
      />
    </>
  )
}
