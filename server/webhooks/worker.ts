import type { TokenCipher } from '../oauth/crypto.ts'
import type { ClaimedDelivery, StoredSecret } from '../storage/webhooks.ts'
import type { Store } from '../storage/store.ts'
import { liveSecrets, signedHeaders } from './sign.ts'
import { WebhookTransportError, type WebhookTransport } from './transport.ts'

/**
 * Svix's retry schedule: the first attempt at once, then each retry this long after the previous
 * failure (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); after the eighth failure the delivery fails.
 */
export const RETRY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const

/** An endpoint whose deliveries have all failed for this long is disabled (`failing`). */
export const DISABLE_AFTER_MS = 5 * 24 * 3_600_000

/** Events (and their deliveries) are kept this long once nothing waits to send them, then deleted. */
export const RETENTION_MS = 30 * 24 * 3_600_000

/** How often one instance prunes, on the server's clock. */
const PRUNE_EVERY_MS = 3_600_000

/** What the sender is built from. */
export interface SenderContext {
  store: Store
  /** The server's clock: when a delivery is due, and when an endpoint has failed long enough. */
  now: () => number
  transport: WebhookTransport
  timeoutMs: number
  /** Whether endpoints added through the API may reach loopback and private addresses. */
  allowPrivateNetwork: boolean
  /** Decrypts secrets stored under the encryption key; `null` when none is set. */
  cipher: () => Promise<TokenCipher | null>
  /** How often to look for due deliveries besides being woken; 0 turns the background loop off. */
  pollIntervalMs: number
}

/** How many deliveries one pass takes at most. */
const BATCH = 32

/** The webhook sender of one instance. */
export interface WebhookSender {
  /** Starts a pass at once (after a write with events); passes never overlap. */
  wake(): void
  /** Runs passes until nothing is due now; answers how many deliveries were attempted. */
  deliverDue(): Promise<number>
  /** Stops the loop and waits for the pass in flight. */
  close(): Promise<void>
}

/**
 * Sends due deliveries: claims a batch under a lease (another instance skips it; a crashed one's
 * lease runs out and the work is taken again), sends them in parallel outside any transaction,
 * then records each answer and schedules retries. Requests that caused the events never wait for
 * this: `wake` only starts a pass in the background.
 */
export function webhookSender(ctx: SenderContext): WebhookSender {
  const leaseMs = ctx.timeoutMs + 15_000
  let running: Promise<number> | null = null
  let again = false
  let closed = false
  let timer: ReturnType<typeof setInterval> | undefined

  async function attempt(d: ClaimedDelivery): Promise<void> {
    const now = ctx.now()
    let status: number | null = null
    let error: string | null = null
    try {
      const secrets = await readSecrets(ctx, liveSecrets(d.secrets, now))
      const headers = await signedHeaders(d.eventId, d.body, secrets, new Date())
      const allowPrivateNetwork = ctx.allowPrivateNetwork || d.endpointSource === 'environment'
      status = (await ctx.transport({ url: d.url, headers, body: d.body, timeoutMs: ctx.timeoutMs, allowPrivateNetwork })).status
      if (status < 200 || status > 299) error = `HTTP ${status}`
    } catch (e) {
      error = e instanceof WebhookTransportError ? e.message : `could not send: ${(e as Error).message ?? String(e)}`.slice(0, 200)
    }
    const ok = error === null
    const attempts = d.attempts + 1
    const last = attempts >= RETRY_SCHEDULE_MS.length
    await ctx.store.webhooks.recordAttempt(d.id, {
      status: ok ? 'succeeded' : last ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: ok || last ? null : ctx.now() + (RETRY_SCHEDULE_MS[attempts] as number),
      responseStatus: status,
      error,
    })
    if (await ctx.store.webhooks.recordEndpointOutcome(d.endpointId, ok, DISABLE_AFTER_MS)) {
      await ctx.store.webhooks.failPending(d.endpointId, 'endpoint disabled: every delivery failed for 5 days')
    }
  }

  let prunedAt = -Infinity
  async function prune(): Promise<void> {
    const now = ctx.now()
    if (now - prunedAt < PRUNE_EVERY_MS) return
    prunedAt = now
    // In batches, so no single statement holds many rows locked.
    while ((await ctx.store.webhooks.prune(now - RETENTION_MS, 1_000)) === 1_000 && !closed);
  }

  async function pass(): Promise<number> {
    await prune().catch((e) => console.error('userkit: could not delete old webhook events', e))
    const claimed = await ctx.store.webhooks.claim(BATCH, ctx.now() + leaseMs)
    await Promise.all(claimed.map((d) => attempt(d).catch((e) => console.error('userkit: could not record a webhook attempt', e))))
    return claimed.length
  }

  async function loop(): Promise<number> {
    let total = 0
    do {
      again = false
      const n = await pass()
      total += n
      if (n === 0 && !again) break
    } while (!closed)
    return total
  }

  function start(): Promise<number> {
    if (running) {
      again = true
      return running
    }
    running = loop().finally(() => {
      running = null
    })
    return running
  }

  if (ctx.pollIntervalMs > 0) {
    timer = setInterval(() => void start().catch(logPassError), ctx.pollIntervalMs)
    ;(timer as { unref?: () => void }).unref?.()
  }

  return {
    wake() {
      if (!closed) void start().catch(logPassError)
    },
    async deliverDue() {
      let total = 0
      for (;;) {
        // A pass already running (woken by a change) counts; it may have claimed before the caller's
        // last change, so a pass of this call's own comes after it.
        if (running) {
          total += await running.catch(() => 0)
          continue
        }
        const n = await start()
        total += n
        if (n === 0) return total
      }
    },
    async close() {
      closed = true
      clearInterval(timer)
      await running?.catch(() => undefined)
    },
  }
}

function logPassError(error: unknown): void {
  console.error('userkit: the webhook sender failed a pass; it tries again at the next one', error)
}

/** Secrets as the signer needs them, decrypted when the database keeps them encrypted. */
async function readSecrets(ctx: SenderContext, secrets: readonly StoredSecret[]): Promise<string[]> {
  const cipher = await ctx.cipher()
  return Promise.all(secrets.map((s) => (s.secret.startsWith('v1.') && cipher ? cipher.decrypt(s.secret) : s.secret)))
}
