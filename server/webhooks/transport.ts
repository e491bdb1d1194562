/** One delivery attempt's request, as the sender hands it to the transport. */
export interface WebhookRequest {
  url: string
  headers: Record<string, string>
  body: string
  timeoutMs: number
  /** Whether the URL may reach a loopback or private address (the environment's endpoint, or an option). */
  allowPrivateNetwork: boolean
}

/**
 * How a webhook leaves the server: answers the receiver's status, rejects when none came (a
 * `WebhookTransportError` names why). The core's default is `fetch`, which cannot see DNS answers;
 * the Node adapter's checks every address a host resolves to before it connects.
 */
export type WebhookTransport = (request: WebhookRequest) => Promise<{ status: number }>

/** Why no answer came, in words a dashboard can show. */
export class WebhookTransportError extends Error {
  override name = 'WebhookTransportError'
}

/** What a delivery records when the endpoint's address may not be reached. */
export const PRIVATE_ADDRESS_REFUSED = 'address not allowed (loopback or private)'

/** A short reason for a failed connection from its error code (Node's `ECONNREFUSED` …), in words a dashboard can show. */
export function connectionReason(code: string | undefined, message: string | undefined): string {
  switch (code) {
    case 'EADDRNOTALLOWED':
      return PRIVATE_ADDRESS_REFUSED
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found'
    case 'ECONNRESET':
      return 'connection reset'
    default:
      return (message || 'connection failed').slice(0, 200)
  }
}

/** Hosts that are loopback or private by their name or literal address alone (no DNS needed). */
export function isPrivateHostLiteral(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::' || host === '::1') return true
  if (/^(fc|fd|fe[89ab])[0-9a-f]{0,2}:/.test(host) || host.startsWith('::ffff:')) return true
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (!v4) return false
  const [a, b] = [Number(v4[1]), Number(v4[2])]
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || a >= 224
}

/** The web-standard transport: `fetch`, refusing private literals when they are not allowed. */
export const fetchTransport: WebhookTransport = async (request) => {
  if (!request.allowPrivateNetwork && isPrivateHostLiteral(new URL(request.url).hostname)) {
    throw new WebhookTransportError(PRIVATE_ADDRESS_REFUSED)
  }
  let response: Response
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    })
  } catch (error) {
    const name = (error as { name?: string }).name
    throw new WebhookTransportError(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : connectionError(error))
  }
  await response.body?.cancel().catch(() => undefined)
  return { status: response.status }
}

/** `fetch failed` hides the reason in `cause`. */
function connectionError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return connectionReason(cause?.code, cause?.message ?? (error as Error).message)
}
