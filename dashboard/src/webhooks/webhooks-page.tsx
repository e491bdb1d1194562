'use client'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { WebhookDeliveryJSON, WebhookEndpointJSON } from '../../../src/wire/index.ts'
import { errorMessage, fieldErrors } from '../api.ts'
import { useDashboard } from '../context.tsx'
import { formatDate } from '../display.ts'
import { dashboardKeys, dashboardQueries } from '../queries.ts'
import { EMPTY_ENDPOINT_DRAFT, type EndpointAction, type EndpointDraft, WebhooksPageView } from './webhooks-page.view.tsx'

/** How many deliveries the list shows first, and how many more each "older" adds. */
const PAGE = 20

/** The connected Webhooks page. */
export function WebhooksPage() {
  const { api, messages } = useDashboard()
  const queryClient = useQueryClient()
  const endpoints = useQuery(dashboardQueries.webhookEndpoints(api))
  const [openId, setOpenId] = useState<string | null>(null)
  const [limit, setLimit] = useState(PAGE)
  const deliveries = useQuery({ ...dashboardQueries.webhookDeliveries(api, openId ?? '', limit), enabled: openId !== null, placeholderData: keepPreviousData })
  const [addOpen, setAddOpen] = useState(false)
  const [draft, setDraft] = useState<EndpointDraft>(EMPTY_ENDPOINT_DRAFT)
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: dashboardKeys.webhooks() })

  const create = useMutation({
    mutationFn: () => api.createWebhookEndpoint({ url: draft.url.trim(), description: draft.description.trim(), event_types: draft.eventTypes }),
    onSuccess: (endpoint) => {
      setAddOpen(false)
      setDraft(EMPTY_ENDPOINT_DRAFT)
      setSecret({ url: endpoint.url, secret: endpoint.secret })
      void refresh()
    },
  })
  const action = useMutation({
    mutationFn: async ({ endpoint, kind }: { endpoint: WebhookEndpointJSON; kind: EndpointAction }) => {
      if (kind === 'rotate') return api.rotateWebhookSecret(endpoint.id)
      if (kind === 'delete') return api.deleteWebhookEndpoint(endpoint.id)
      return api.setWebhookEndpointDisabled(endpoint.id, kind === 'disable')
    },
    onSuccess: (result, { endpoint, kind }) => {
      if (kind === 'rotate' && result && 'secret' in result) setSecret({ url: endpoint.url, secret: String(result.secret) })
      if (kind === 'delete' && openId === endpoint.id) setOpenId(null)
      void refresh()
    },
  })
  const resend = useMutation({
    mutationFn: (delivery: WebhookDeliveryJSON) => api.resendWebhookDelivery(delivery.endpoint_id, delivery.id),
    onSuccess: () => void refresh(),
  })
  const added = fieldErrors(create.error, ['url', 'description', 'event_types'], messages.unknownError)
  const failure = action.error ?? (endpoints.isError ? endpoints.error : null)

  return (
    <WebhooksPageView
      messages={messages}
      state={endpoints.isPending ? 'loading' : endpoints.isError ? 'error' : 'ready'}
      endpoints={endpoints.data}
      error={failure ? errorMessage(failure, endpoints.isError ? messages.webhooks.loadError : messages.unknownError) : null}
      onRetry={() => void endpoints.refetch()}
      addOpen={addOpen}
      onAddOpenChange={(open) => {
        setAddOpen(open)
        if (!open) create.reset()
      }}
      draft={draft}
      onDraftChange={setDraft}
      onAddSubmit={() => create.mutate()}
      addState={create.isPending ? 'pending' : 'idle'}
      addFieldErrors={added.fields}
      addBanner={added.banner}
      secret={secret}
      onSecretDone={() => setSecret(null)}
      onAction={(endpoint, kind) => {
        resend.reset()
        action.mutate({ endpoint, kind })
      }}
      busyId={action.isPending ? (action.variables?.endpoint.id ?? null) : null}
      openId={openId}
      onToggleDeliveries={(id) => {
        resend.reset()
        setLimit(PAGE)
        setOpenId(openId === id ? null : id)
      }}
      deliveries={
        openId === null
          ? undefined
          : {
              state: deliveries.isPending ? 'loading' : deliveries.isError ? 'error' : 'ready',
              items: deliveries.data?.data ?? [],
              total: deliveries.data?.total_count ?? 0,
              error: resend.error
                ? errorMessage(resend.error, messages.unknownError)
                : deliveries.isError
                  ? errorMessage(deliveries.error, messages.webhooks.deliveriesError)
                  : null,
              notice: resend.isSuccess ? messages.webhooks.resent : null,
            }
      }
      onResend={(delivery) => resend.mutate(delivery)}
      onMoreDeliveries={() => setLimit(limit + PAGE)}
      onRefreshDeliveries={() => void refresh()}
      formatDate={formatDate}
    />
  )
}
