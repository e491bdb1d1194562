import type { WebhookDeliveryJSON, WebhookEndpointJSON, WebhookEventType } from '../../src/wire/index.ts'
import type { WebhookDeliveryRecord, WebhookEndpointRecord } from '../storage/webhooks.ts'

/** An endpoint as `/v1/webhook_endpoints` answers it: never its secrets. */
export function webhookEndpointJSON(e: WebhookEndpointRecord): WebhookEndpointJSON {
  return {
    object: 'webhook_endpoint',
    id: e.id,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes as WebhookEventType[],
    status: e.disabledReason === null ? 'enabled' : 'disabled',
    disabled_reason: e.disabledReason,
    source: e.source,
    failing_since: e.failingSince,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  }
}

/** One delivery of an event to an endpoint. */
export function webhookDeliveryJSON(d: WebhookDeliveryRecord): WebhookDeliveryJSON {
  return {
    object: 'webhook_delivery',
    id: d.id,
    endpoint_id: d.endpointId,
    event_id: d.eventId,
    event_type: d.eventType as WebhookEventType,
    status: d.status,
    attempts: d.attempts,
    response_status: d.responseStatus,
    error: d.error,
    next_attempt_at: d.nextAttemptAt,
    last_attempt_at: d.lastAttemptAt,
    created_at: d.createdAt,
  }
}
