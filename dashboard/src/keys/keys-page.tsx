'use client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { errorMessage } from '../api.ts'
import { useDashboard } from '../context.tsx'
import { formatDate } from '../display.ts'
import { dashboardKeys, dashboardQueries } from '../queries.ts'
import { KeysPageView } from './keys-page.view.tsx'

/** The connected Session keys page. */
export function KeysPage() {
  const { api, messages } = useDashboard()
  const queryClient = useQueryClient()
  const keys = useQuery(dashboardQueries.signingKeys(api))
  const rotate = useMutation({
    mutationFn: () => api.rotateSigningKey(),
    onSuccess: (next) => queryClient.setQueryData(dashboardKeys.signingKeys(), next),
  })
  const failure = rotate.error ?? keys.error
  return (
    <KeysPageView
      messages={messages}
      state={keys.isPending ? 'loading' : keys.isError ? 'error' : 'ready'}
      keys={keys.data}
      error={failure ? errorMessage(failure, keys.isError ? messages.keys.loadError : messages.unknownError) : null}
      onRotate={() => rotate.mutate()}
      rotation={rotate.isPending ? 'pending' : rotate.isSuccess ? 'done' : 'idle'}
      formatDate={formatDate}
    />
  )
}
