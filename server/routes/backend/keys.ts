import { Hono } from 'hono'
import type { SigningKeysJSON } from '../../../src/wire/index.ts'
import { formatInvalid } from '../../errors.ts'
import { sendJson } from '../../http.ts'
import type { RouteDeps } from '../env.ts'
import { json, NoBody } from '../validate.ts'

/** The signing keys as the dashboard shows them. */
async function signingKeysJSON(deps: RouteDeps): Promise<SigningKeysJSON> {
  const summary = await deps.domain.keys.summary()
  return {
    object: 'signing_keys',
    publishable_key: deps.domain.tokens.publishableKey,
    api_url: deps.options.publicUrl,
    current: { kid: summary.kid, public_key_pem: summary.pem },
    keys: summary.keys.map((k) => ({ kid: k.kid, created_at: k.createdAt, retire_at: k.retireAt })),
  }
}

/** `GET /v1/jwks`: Clerk's Backend API JWKS, which `verifyToken({ secretKey })` fetches. */
export function jwksRoutes(deps: RouteDeps) {
  return new Hono().get('/', async (c) => sendJson(c, { keys: await deps.domain.keys.publicKeys() }))
}

/** `GET /v1/clients/handshake_payload?nonce=`: the handshake's cookie directives, once. */
export function clientRoutes(deps: RouteDeps) {
  return new Hono().get('/handshake_payload', async (c) => {
    const nonce = c.req.query('nonce')
    if (!nonce || nonce.length > 128) throw formatInvalid('nonce', 'nonce must be the handshake nonce.')
    return sendJson(c, { directives: await deps.domain.tokens.handshakePayload(nonce) })
  })
}

/** userkit's `/v1/signing_keys` (outside Clerk's API): the current key's PEM and the publishable key; `POST /rotate`. */
export function signingKeyRoutes(deps: RouteDeps) {
  return new Hono()
    .get('/', async (c) => sendJson(c, await signingKeysJSON(deps)))
    .post('/rotate', json(NoBody), async (c) => {
      await deps.domain.keys.rotate()
      return sendJson(c, await signingKeysJSON(deps))
    })
}
