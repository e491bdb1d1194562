'use client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { UserkitApiError } from '../../../src/api/errors.ts'
import { errorMessage } from '../api.ts'
import { useDashboard } from '../context.tsx'
import { confirmationText, displayName } from '../display.ts'
import { mergePatch } from '../json.ts'
import { dashboardKeys, dashboardQueries } from '../queries.ts'
import { usersPath } from '../router.ts'
import type { JsonObject } from '../types.ts'
import type { BackendSessionJSON, BackendUserJSON } from '../../../src/wire/index.ts'
import { DeleteUserDialogView } from '../users/delete-user-dialog.view.tsx'
import { type MetadataSlot, UserPageView } from './user-page.view.tsx'

type MetadataKind = 'public_metadata' | 'private_metadata'

/** The connected user page: every change goes through the Backend API and writes its answer into the cache. */
export function UserPage({ id }: { id: string }) {
  const { api, messages, navigate } = useDashboard()
  const queryClient = useQueryClient()
  const user = useQuery(dashboardQueries.user(api, id))
  const sessions = useQuery(dashboardQueries.sessions(api, id))

  const stored = (data: BackendUserJSON) => {
    queryClient.setQueryData(dashboardKeys.user(id), data)
    void queryClient.invalidateQueries({ queryKey: [...dashboardKeys.users(), 'list'] })
  }

  const metadata = useMutation({
    mutationFn: ({ kind, value }: { kind: MetadataKind; value: JsonObject }) => {
      const before = (user.data?.[kind] ?? {}) as JsonObject
      return api.patchMetadata(id, { [kind]: mergePatch(before, value) })
    },
    onSuccess: stored,
  })
  const slot = (kind: MetadataKind): MetadataSlot => {
    const mine = metadata.variables?.kind === kind
    return {
      state: !mine ? 'idle' : metadata.isPending ? 'pending' : metadata.isError ? 'error' : metadata.isSuccess ? 'saved' : 'idle',
      error: mine && metadata.error ? errorMessage(metadata.error, messages.unknownError) : null,
      onSave: (value) => metadata.mutate({ kind, value }),
    }
  }

  const ban = useMutation({
    mutationFn: (banned: boolean) => api.setBanned(id, banned),
    onSuccess: (data) => {
      stored(data)
      // Banning ends the user's sessions on the server.
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.sessions(id) })
    },
  })

  const revoke = useMutation({
    mutationFn: (session: BackendSessionJSON) => api.revokeSession(session.id),
    onSuccess: (_, session) =>
      queryClient.setQueryData<BackendSessionJSON[]>(dashboardKeys.sessions(id), (old) => old?.filter((s) => s.id !== session.id)),
  })

  const [deleteOpen, setDeleteOpen] = useState(false)
  const remove = useMutation({
    mutationFn: () => api.deleteUser(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: dashboardKeys.user(id) })
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.users() })
      setDeleteOpen(false)
      navigate(usersPath())
    },
  })

  const notFound = user.error instanceof UserkitApiError && user.error.status === 404
  const data = user.data
  return (
    <>
      <UserPageView
        messages={messages}
        state={data ? 'ready' : notFound ? 'not_found' : user.isError ? 'error' : 'loading'}
        user={data}
        errorText={user.error ? errorMessage(user.error, messages.user.loadError) : null}
        backHref={usersPath()}
        onBack={() => navigate(usersPath())}
        publicMetadata={slot('public_metadata')}
        privateMetadata={slot('private_metadata')}
        sessions={{
          state: sessions.isError ? 'error' : sessions.data ? 'ready' : 'loading',
          sessions: sessions.data ?? [],
          onRevoke: (session) => revoke.mutate(session),
          revoking: revoke.isPending ? (revoke.variables?.id ?? null) : null,
          error: revoke.error
            ? errorMessage(revoke.error, messages.unknownError)
            : sessions.error
              ? errorMessage(sessions.error, messages.user.sessionsError)
              : null,
        }}
        onToggleBan={() => data && ban.mutate(!data.banned)}
        banState={ban.isPending ? 'pending' : 'idle'}
        banError={ban.error ? errorMessage(ban.error, messages.unknownError) : null}
        onDelete={() => {
          remove.reset()
          setDeleteOpen(true)
        }}
      />
      {data && (
        <DeleteUserDialogView
          messages={messages}
          open={deleteOpen}
          onOpenChange={setDeleteOpen}
          name={displayName(data)}
          confirmText={confirmationText(data)}
          onConfirm={() => remove.mutate()}
          state={remove.isPending ? 'pending' : 'idle'}
          error={remove.error ? errorMessage(remove.error, messages.unknownError) : null}
        />
      )}
    </>
  )
}
