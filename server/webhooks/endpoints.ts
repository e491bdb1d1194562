import type { WebhookEventType } from '../../src/wire/index.ts'
import { ApiError, notFound } from '../errors.ts'
import { randomBase62 } from '../ids.ts'
import type { TokenCipher } from '../oauth/crypto.ts'
import type { Store } from '../storage/store.ts'
import { newDeliveryId, type StoredSecret, type WebhookDeliveryRecord, type WebhookEndpointRecord } from '../storage/webhooks.ts'
import { generateWebhookSecret, liveSecrets } from './sign.ts'

/** The id of the endpoint that `USERKIT_WEBHOOK_URL` configures. */
export const ENVIRONMENT_ENDPOINT_ID = 'ep_environment'

/** How long a replaced secret keeps signing beside the new one (Svix's 24 hours). */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000

/** The longest endpoint URL accepted. */
const MAX_URL_LENGTH = 2048

/** What a new endpoint, or a change of one, asks for. */
export interface EndpointInput {
  url?: string | undefined
  description?: string | undefined
  eventTypes?: WebhookEventType[] | undefined
}

/** Why `url` is not an endpoint URL (http or https, absolute, no credentials), or `null` when it is one. */
export function webhookUrlProblem(url: string): string | null {
  if (url.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'must be an absolute http or https URL'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http or https URL'
  if (parsed.username || parsed.password) return 'must not carry a user name or password'
  return null
}

function checkUrl(url: string): string {
  const problem = webhookUrlProblem(url)
  if (problem) throw new ApiError(422, 'form_param_format_invalid', problem, { longMessage: `The URL ${problem}.`, param: 'url' })
  return url
}

function readOnly(): ApiError {
  return new ApiError(422, 'webhook_endpoint_read_only', 'This endpoint is set by the server’s environment.', {
    longMessage: 'The endpoint of USERKIT_WEBHOOK_URL changes only with the server’s settings.',
  })
}

/** Webhook endpoints and their deliveries: what `/v1/webhook_endpoints` and the dashboard manage. */
export function webhookEndpointsDomain(ctx: { store: Store; now: () => number; cipher: () => Promise<TokenCipher | null>; wake: () => void }) {
  const { store, now } = ctx

  async function seal(secret: string): Promise<string> {
    const cipher = await ctx.cipher()
    return cipher ? cipher.encrypt(secret) : secret
  }

  async function find(id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await store.webhooks.getEndpoint(id)
    if (!endpoint) throw notFound('webhook endpoint')
    return endpoint
  }

  async function writable(id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await find(id)
    if (endpoint.source === 'environment') throw readOnly()
    return endpoint
  }

  return {
    list: () => store.webhooks.listEndpoints(),
    get: find,

    /** Adds an endpoint and answers it with its secret, which is never shown again. */
    async create(input: EndpointInput & { url: string }): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
      const secret = generateWebhookSecret()
      const endpoint = await store.webhooks.insertEndpoint({
        id: `ep_${randomBase62(27)}`,
        source: 'api',
        url: checkUrl(input.url),
        description: input.description ?? '',
        eventTypes: input.eventTypes ?? [],
        secrets: [{ secret: await seal(secret), expireAt: null }],
        disabledReason: null,
      })
      return { endpoint, secret }
    },

    /** Changes an endpoint; `disabled` turns it off (its pending deliveries fail) or back on. */
    async update(id: string, input: EndpointInput & { disabled?: boolean | undefined }): Promise<WebhookEndpointRecord> {
      const before = await writable(id)
      const disabling = input.disabled === true && before.disabledReason === null
      const updated = await store.transaction(async (tx) => {
        const next = await tx.webhooks.updateEndpoint(id, {
          url: input.url === undefined ? undefined : checkUrl(input.url),
          description: input.description,
          eventTypes: input.eventTypes,
          disabledReason: input.disabled === undefined ? undefined : input.disabled ? (before.disabledReason ?? 'manual') : null,
        })
        if (next && disabling) await tx.webhooks.failPending(id, 'endpoint disabled')
        return next
      })
      if (!updated) throw notFound('webhook endpoint')
      return updated
    },

    async remove(id: string): Promise<void> {
      await writable(id)
      if (!(await store.webhooks.deleteEndpoint(id))) throw notFound('webhook endpoint')
    },

    /** A new secret at once; the previous one keeps signing beside it for 24 hours. */
    async rotate(id: string): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
      const before = await writable(id)
      const at = now()
      const secret = generateWebhookSecret()
      const kept: StoredSecret[] = liveSecrets(before.secrets, at).map((s) => ({ secret: s.secret, expireAt: s.expireAt ?? at + ROTATION_OVERLAP_MS }))
      const endpoint = await store.webhooks.updateEndpoint(id, { secrets: [{ secret: await seal(secret), expireAt: null }, ...kept] })
      if (!endpoint) throw notFound('webhook endpoint')
      return { endpoint, secret }
    },

    async deliveries(id: string, page: { limit: number; offset: number }) {
      await find(id)
      return store.webhooks.listDeliveries(id, page)
    },

    /** Sends the event of one delivery again, as a new delivery with the same `svix-id`. */
    async resend(id: string, deliveryId: string): Promise<WebhookDeliveryRecord> {
      const endpoint = await find(id)
      if (endpoint.disabledReason !== null) {
        throw new ApiError(422, 'form_param_value_invalid', 'The endpoint is disabled.', {
          longMessage: 'Enable the endpoint before resending to it.',
        })
      }
      const delivery = await store.webhooks.resend(id, deliveryId, newDeliveryId())
      if (!delivery) throw notFound('webhook delivery')
      ctx.wake()
      return delivery
    },

    /**
     * Makes the environment's endpoint (`USERKIT_WEBHOOK_URL`) what the settings say, at start-up:
     * created or rewritten (and enabled again) when set, removed when not.
     */
    async syncEnvironment(config: { url: string; secret: string } | undefined): Promise<void> {
      const existing = await store.webhooks.getEndpoint(ENVIRONMENT_ENDPOINT_ID)
      if (!config) {
        if (existing) await store.webhooks.deleteEndpoint(ENVIRONMENT_ENDPOINT_ID)
        return
      }
      const secrets = [{ secret: await seal(config.secret), expireAt: null }]
      if (existing) {
        await store.webhooks.updateEndpoint(ENVIRONMENT_ENDPOINT_ID, { url: config.url, eventTypes: [], secrets, disabledReason: null })
      } else {
        // Two instances starting together may both insert: the later one rewrites instead.
        await store.webhooks.insertEndpoint({
          id: ENVIRONMENT_ENDPOINT_ID,
          source: 'environment',
          url: config.url,
          description: 'USERKIT_WEBHOOK_URL',
          eventTypes: [],
          secrets,
          disabledReason: null,
        }).catch(() => store.webhooks.updateEndpoint(ENVIRONMENT_ENDPOINT_ID, { url: config.url, eventTypes: [], secrets, disabledReason: null }))
      }
    },
  }
}
