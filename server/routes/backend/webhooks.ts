import { Hono } from 'hono'
import { z } from 'zod'
import { WEBHOOK_EVENT_TYPES } from '../../../src/wire/index.ts'
import { sendJson } from '../../http.ts'
import { deletedJSON } from '../../serialize/backend.ts'
import { webhookDeliveryJSON, webhookEndpointJSON } from '../../serialize/webhooks.ts'
import type { RouteDeps } from '../env.ts'
import { json, NoBody } from '../validate.ts'
import { pageOf, parseQuery } from './query.ts'

const EventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length).transform((types) => [...new Set(types)])
const Description = z.string().max(500)
const Url = z.string().min(1).max(2048)

const CreateBody = z.strictObject({ url: Url, description: Description.optional(), event_types: EventTypes.optional() })
const UpdateBody = z.strictObject({
  url: Url.optional(),
  description: Description.optional(),
  event_types: EventTypes.optional(),
  disabled: z.boolean().optional(),
})

/**
 * userkit's `/v1/webhook_endpoints` (outside Clerk's API, whose endpoints live in Svix): create,
 * list, read, update, delete, rotate the secret, list deliveries and resend one. The secret is in
 * the answers of create and rotate only.
 */
export function webhookRoutes(deps: RouteDeps) {
  const webhooks = deps.domain.webhooks
  return new Hono()
    .get('/', async (c) => {
      const data = (await webhooks.list()).map(webhookEndpointJSON)
      return sendJson(c, { data, total_count: data.length })
    })
    .post('/', json(CreateBody), async (c) => {
      const body = c.req.valid('json')
      const { endpoint, secret } = await webhooks.create({ url: body.url, description: body.description, eventTypes: body.event_types })
      return sendJson(c, { ...webhookEndpointJSON(endpoint), secret })
    })
    .get('/:id', async (c) => sendJson(c, webhookEndpointJSON(await webhooks.get(c.req.param('id')))))
    .patch('/:id', json(UpdateBody), async (c) => {
      const body = c.req.valid('json')
      const endpoint = await webhooks.update(c.req.param('id'), {
        url: body.url,
        description: body.description,
        eventTypes: body.event_types,
        disabled: body.disabled,
      })
      return sendJson(c, webhookEndpointJSON(endpoint))
    })
    .delete('/:id', async (c) => {
      await webhooks.remove(c.req.param('id'))
      return sendJson(c, deletedJSON('webhook_endpoint', c.req.param('id')))
    })
    .post('/:id/rotate_secret', json(NoBody), async (c) => {
      const { endpoint, secret } = await webhooks.rotate(c.req.param('id'))
      return sendJson(c, { ...webhookEndpointJSON(endpoint), secret })
    })
    .get('/:id/deliveries', async (c) => {
      const q = parseQuery(c.req.url, { limit: 'integer', offset: 'integer' })
      const { deliveries, total } = await webhooks.deliveries(c.req.param('id'), pageOf(q))
      return sendJson(c, { data: deliveries.map(webhookDeliveryJSON), total_count: total })
    })
    .post('/:id/deliveries/:delivery/resend', json(NoBody), async (c) => {
      return sendJson(c, webhookDeliveryJSON(await webhooks.resend(c.req.param('id'), c.req.param('delivery'))))
    })
}
