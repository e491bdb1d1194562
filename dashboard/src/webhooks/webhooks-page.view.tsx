'use client'
import { useRef, useState } from 'react'
import { Banner } from '../../../src/components/shared/banner.tsx'
import { Button } from '../../../src/components/shared/button.tsx'
import { Field } from '../../../src/components/shared/field.tsx'
import { format } from '../../../src/localization/format.ts'
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryJSON, type WebhookEndpointJSON, type WebhookEventType } from '../../../src/wire/index.ts'
import type { DashboardMessages } from '../messages.ts'
import { DialogClose, DialogContent, DialogDescription, DialogOverlay, DialogPortal, DialogRoot, DialogTitle, usePortalContainer } from '../parts.tsx'

/** What the add-endpoint form holds; kept by the caller, so a refused submit loses nothing. */
export interface EndpointDraft {
  url: string
  description: string
  /** None: every event type. */
  eventTypes: WebhookEventType[]
}

export const EMPTY_ENDPOINT_DRAFT: EndpointDraft = { url: '', description: '', eventTypes: [] }

/** What an endpoint's action asks for. */
export type EndpointAction = 'disable' | 'enable' | 'rotate' | 'delete'

export interface DeliveriesState {
  state: 'loading' | 'error' | 'ready'
  items: readonly WebhookDeliveryJSON[]
  total: number
  error?: string | null
  /** Shown after a resend went through. */
  notice?: string | null
}

export interface WebhooksPageViewProps {
  messages: DashboardMessages
  state: 'loading' | 'error' | 'ready'
  endpoints?: readonly WebhookEndpointJSON[] | undefined
  /** Why loading or the last action failed. */
  error?: string | null
  onRetry?: () => void
  /** The add dialog. */
  addOpen: boolean
  onAddOpenChange: (open: boolean) => void
  draft: EndpointDraft
  onDraftChange: (draft: EndpointDraft) => void
  onAddSubmit: () => void
  addState?: 'idle' | 'pending'
  /** Errors by Backend API parameter (`url`, `description`, `event_types`). */
  addFieldErrors?: Readonly<Record<string, string>>
  addBanner?: string | null
  /** A secret just made (a new endpoint or a rotation), shown once. */
  secret?: { url: string; secret: string } | null
  onSecretDone?: () => void
  /** Runs an endpoint's action after its confirmation (rotate, delete) or at once (disable, enable). */
  onAction?: (endpoint: WebhookEndpointJSON, action: EndpointAction) => void
  /** The endpoint whose action runs now. */
  busyId?: string | null
  /** The endpoint whose deliveries are open. */
  openId?: string | null
  onToggleDeliveries?: (id: string) => void
  deliveries?: DeliveriesState | undefined
  onResend?: (delivery: WebhookDeliveryJSON) => void
  onMoreDeliveries?: () => void
  onRefreshDeliveries?: () => void
  /** Formats a Unix-ms time for people. */
  formatDate: (ms: number) => string
}

/** The Webhooks page: endpoints, their secret shown once, rotation, disabling, deliveries and resending. */
export function WebhooksPageView(props: WebhooksPageViewProps) {
  const { messages, state, endpoints, error = null, onRetry, formatDate, onAction, busyId = null, openId = null } = props
  const t = messages.webhooks
  const container = usePortalContainer()
  const addButton = useRef<HTMLButtonElement>(null)
  // The control a dialog was opened from, for focus to go back to (the Add button when it is gone).
  const trigger = useRef<HTMLElement | null>(null)
  const [confirm, setConfirm] = useState<{ endpoint: WebhookEndpointJSON; action: 'rotate' | 'delete' } | null>(null)
  const [copied, setCopied] = useState(false)
  const returnFocus = (event: Event) => {
    event.preventDefault()
    const target = trigger.current?.isConnected ? trigger.current : addButton.current
    target?.focus()
  }
  const remember = (event: { currentTarget: HTMLElement }) => {
    trigger.current = event.currentTarget
  }

  return (
    <section className="dk-page" aria-labelledby="dk-webhooks-title">
      <div className="dk-page-header">
        <h1 id="dk-webhooks-title" data-slot="dashboard-page-title" tabIndex={-1}>
          {t.title}
        </h1>
        {state === 'ready' && (
          <Button
            ref={addButton}
            variant="primary"
            onClick={(event) => {
              remember(event)
              props.onAddOpenChange(true)
            }}
          >
            {t.add}
          </Button>
        )}
      </div>
      <p className="dk-muted">{t.description}</p>
      <Banner>{error}</Banner>
      {state === 'loading' && <p className="dk-muted">{messages.loading}</p>}
      {state === 'error' && (
        <div className="dk-danger">
          {!error && <Banner>{t.loadError}</Banner>}
          {onRetry && <Button onClick={onRetry}>{messages.retry}</Button>}
        </div>
      )}
      {state === 'ready' && endpoints?.length === 0 && <p data-slot="dashboard-webhooks-empty">{t.empty}</p>}
      {state === 'ready' && endpoints && endpoints.length > 0 && (
        <ul className="dk-endpoints" aria-label={t.listLabel}>
          {endpoints.map((endpoint) => {
            const readOnly = endpoint.source === 'environment'
            const busy = busyId === endpoint.id
            const open = openId === endpoint.id
            const panelId = `dk-deliveries-${endpoint.id}`
            return (
              <li key={endpoint.id} className="dk-section" data-slot="dashboard-webhook-endpoint" data-status={endpoint.status}>
                <div className="dk-danger-row">
                  <div className="dk-stack">
                    <code className="dk-endpoint-url">{endpoint.url}</code>
                    {endpoint.description && <span>{endpoint.description}</span>}
                    <span className="dk-muted">
                      {endpoint.status === 'enabled' ? t.enabled : t.disabled} ·{' '}
                      {endpoint.event_types.length === 0 ? t.allEvents : endpoint.event_types.join(', ')}
                    </span>
                  </div>
                </div>
                {readOnly && <p className="dk-muted">{t.environment}</p>}
                {endpoint.disabled_reason === 'failing' && <Banner>{t.disabledFailing}</Banner>}
                {endpoint.status === 'enabled' && endpoint.failing_since !== null && (
                  <p className="dk-muted">{format(t.failingSince, { date: formatDate(endpoint.failing_since) })}</p>
                )}
                <div className="dk-toolbar">
                  {props.onToggleDeliveries && (
                    <Button aria-expanded={open} aria-controls={open ? panelId : undefined} aria-label={format(t.showDeliveriesFor, { url: endpoint.url })} onClick={() => props.onToggleDeliveries?.(endpoint.id)}>
                      {t.showDeliveries}
                    </Button>
                  )}
                  {onAction && !readOnly && (
                    <>
                      <Button
                        aria-label={format(endpoint.status === 'enabled' ? t.disableFor : t.enableFor, { url: endpoint.url })}
                        aria-disabled={busy || undefined}
                        onClick={() => !busy && onAction(endpoint, endpoint.status === 'enabled' ? 'disable' : 'enable')}
                      >
                        {endpoint.status === 'enabled' ? t.disable : t.enable}
                      </Button>
                      <Button
                        aria-label={format(t.rotateFor, { url: endpoint.url })}
                        onClick={(event) => {
                          remember(event)
                          setConfirm({ endpoint, action: 'rotate' })
                        }}
                      >
                        {t.rotate}
                      </Button>
                      <Button
                        variant="danger"
                        aria-label={format(t.deleteFor, { url: endpoint.url })}
                        onClick={(event) => {
                          remember(event)
                          setConfirm({ endpoint, action: 'delete' })
                        }}
                      >
                        {t.delete}
                      </Button>
                    </>
                  )}
                </div>
                {open && props.deliveries && (
                  <Deliveries
                    id={panelId}
                    messages={messages}
                    url={endpoint.url}
                    deliveries={props.deliveries}
                    canResend={endpoint.status === 'enabled'}
                    onResend={props.onResend}
                    onMore={props.onMoreDeliveries}
                    onRefresh={props.onRefreshDeliveries}
                    formatDate={formatDate}
                  />
                )}
              </li>
            )
          })}
        </ul>
      )}

      <AddEndpointDialog {...props} onCloseAutoFocus={returnFocus} />

      <DialogRoot open={confirm !== null} onOpenChange={(next) => !next && setConfirm(null)}>
        <DialogPortal container={container}>
          <DialogOverlay />
          <DialogContent className="uk-root" role="alertdialog" onCloseAutoFocus={returnFocus}>
            <DialogTitle>{confirm?.action === 'delete' ? t.deleteTitle : t.rotateTitle}</DialogTitle>
            <DialogDescription>{confirm?.action === 'delete' ? format(t.deleteDescription, { url: confirm.endpoint.url }) : t.rotateDescription}</DialogDescription>
            <div className="dk-form-actions">
              <DialogClose asChild>
                <Button>{t.cancel}</Button>
              </DialogClose>
              <Button
                variant="danger"
                onClick={() => {
                  // A deleted endpoint takes its buttons along: focus goes to Add endpoint.
                  if (confirm?.action === 'delete') trigger.current = addButton.current
                  if (confirm) onAction?.(confirm.endpoint, confirm.action)
                  setConfirm(null)
                }}
              >
                {confirm?.action === 'delete' ? t.deleteConfirm : t.rotateConfirm}
              </Button>
            </div>
          </DialogContent>
        </DialogPortal>
      </DialogRoot>

      <DialogRoot
        open={Boolean(props.secret)}
        onOpenChange={(next) => {
          if (!next) {
            setCopied(false)
            props.onSecretDone?.()
          }
        }}
      >
        <DialogPortal container={container}>
          <DialogOverlay />
          <DialogContent className="uk-root" onCloseAutoFocus={returnFocus}>
            <DialogTitle>{t.secretTitle}</DialogTitle>
            <DialogDescription>{t.secretDescription}</DialogDescription>
            {props.secret && (
              <pre className="dk-pem" role="region" aria-label={format(t.secretFor, { url: props.secret.url })} tabIndex={0} data-slot="dashboard-webhook-secret">
                {props.secret.secret}
              </pre>
            )}
            <p role="status" className="dk-muted">
              {copied ? t.copied : ''}
            </p>
            <div className="dk-form-actions">
              <Button
                onClick={() => {
                  const secret = props.secret?.secret
                  if (secret) void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))
                }}
              >
                {t.copy}
              </Button>
              <DialogClose asChild>
                <Button variant="primary">{t.done}</Button>
              </DialogClose>
            </div>
          </DialogContent>
        </DialogPortal>
      </DialogRoot>
    </section>
  )
}

function AddEndpointDialog(props: WebhooksPageViewProps & { onCloseAutoFocus: (event: Event) => void }) {
  const { messages, addOpen, onAddOpenChange, draft, onDraftChange, onAddSubmit, addState = 'idle', addFieldErrors = {}, addBanner = null } = props
  const t = messages.webhooks
  const container = usePortalContainer()
  const pending = addState === 'pending'
  const toggle = (type: WebhookEventType, on: boolean) =>
    onDraftChange({ ...draft, eventTypes: on ? WEBHOOK_EVENT_TYPES.filter((x) => x === type || draft.eventTypes.includes(x)) : draft.eventTypes.filter((x) => x !== type) })
  return (
    <DialogRoot open={addOpen} onOpenChange={onAddOpenChange}>
      <DialogPortal container={container}>
        <DialogOverlay />
        <DialogContent className="uk-root" data-request={addState} onCloseAutoFocus={props.onCloseAutoFocus}>
          <DialogTitle>{t.addTitle}</DialogTitle>
          <DialogDescription>{t.addDescription}</DialogDescription>
          <form
            className="dk-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault()
              if (!pending) onAddSubmit()
            }}
          >
            <Banner>{addBanner}</Banner>
            <Field
              label={t.url}
              hint={t.urlHint}
              name="url"
              type="url"
              inputMode="url"
              autoComplete="off"
              value={draft.url}
              error={addFieldErrors.url}
              disabled={pending}
              onChange={(event) => onDraftChange({ ...draft, url: event.target.value })}
            />
            <Field
              label={t.endpointDescription}
              name="description"
              autoComplete="off"
              value={draft.description}
              error={addFieldErrors.description}
              disabled={pending}
              onChange={(event) => onDraftChange({ ...draft, description: event.target.value })}
            />
            <fieldset className="dk-checks" aria-describedby={addFieldErrors.event_types ? 'dk-event-types-error dk-event-types-hint' : 'dk-event-types-hint'}>
              <legend>{t.eventTypes}</legend>
              <p id="dk-event-types-hint" className="dk-muted">
                {t.eventTypesHint}
              </p>
              {addFieldErrors.event_types && (
                <p id="dk-event-types-error" className="uk-field-error">
                  {addFieldErrors.event_types}
                </p>
              )}
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <label key={type}>
                  <input type="checkbox" name="event_types" value={type} checked={draft.eventTypes.includes(type)} disabled={pending} onChange={(event) => toggle(type, event.target.checked)} />
                  <code>{type}</code>
                </label>
              ))}
            </fieldset>
            <div className="dk-form-actions">
              <DialogClose asChild>
                <Button>{t.cancel}</Button>
              </DialogClose>
              <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
                {pending ? t.adding : t.addSubmit}
              </Button>
            </div>
          </form>
        </DialogContent>
      </DialogPortal>
    </DialogRoot>
  )
}

function Deliveries(props: {
  id: string
  messages: DashboardMessages
  url: string
  deliveries: DeliveriesState
  canResend: boolean
  onResend?: ((delivery: WebhookDeliveryJSON) => void) | undefined
  onMore?: (() => void) | undefined
  onRefresh?: (() => void) | undefined
  formatDate: (ms: number) => string
}) {
  const { id, messages, url, deliveries, canResend, onResend, onMore, onRefresh, formatDate } = props
  const t = messages.webhooks
  const titleId = `${id}-title`
  const when = (ms: number | null) => (ms === null ? t.never : formatDate(ms))
  return (
    <section id={id} className="dk-stack" aria-labelledby={titleId}>
      <div className="dk-deliveries-header">
        <h2 id={titleId}>{format(t.deliveriesTitle, { url })}</h2>
        {onRefresh && <Button onClick={onRefresh}>{t.refresh}</Button>}
      </div>
      <Banner>{deliveries.error ?? (deliveries.state === 'error' ? t.deliveriesError : null)}</Banner>
      <p role="status" className="dk-muted">
        {deliveries.notice ?? ''}
      </p>
      {deliveries.state === 'loading' && <p className="dk-muted">{messages.loading}</p>}
      {deliveries.state === 'ready' && deliveries.items.length === 0 && <p>{t.deliveriesEmpty}</p>}
      {deliveries.items.length > 0 && (
        <div className="dk-table-wrap">
          <table className="dk-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t.columns.event}</th>
                <th scope="col">{t.columns.eventId}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.columns.attempts}</th>
                <th scope="col">{t.columns.response}</th>
                <th scope="col">{t.columns.lastAttempt}</th>
                <th scope="col">{t.columns.nextAttempt}</th>
                <th scope="col">{t.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.items.map((d) => (
                <tr key={d.id} data-status={d.status}>
                  <td>
                    <code>{d.event_type}</code>
                  </td>
                  <td>
                    <code>{d.event_id}</code>
                  </td>
                  <td>{t.status[d.status]}</td>
                  <td>{d.attempts}</td>
                  <td>{d.response_status !== null ? String(d.response_status) : (d.error ?? t.never)}</td>
                  <td>{when(d.last_attempt_at)}</td>
                  <td>{when(d.next_attempt_at)}</td>
                  <td>
                    {onResend && canResend && (
                      <Button aria-label={format(t.resendFor, { id: d.event_id })} onClick={() => onResend(d)}>
                        {t.resend}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {onMore && deliveries.items.length < deliveries.total && <Button onClick={onMore}>{t.more}</Button>}
    </section>
  )
}
