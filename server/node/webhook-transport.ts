import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { request as httpRequest, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP } from 'node:net'
import { connectionReason, PRIVATE_ADDRESS_REFUSED, WebhookTransportError, type WebhookTransport } from '../webhooks/transport.ts'

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges. */
const PRIVATE = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6')
}

/** Whether `address` (a literal IPv4 or IPv6 address) is loopback, private or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return PRIVATE.check(address, 'ipv4')
  if (family !== 6) return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? PRIVATE.check(mapped[1] as string, 'ipv4') : PRIVATE.check(address, 'ipv6')
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** `dns.lookup` that refuses a host when any address it resolves to is not public: checked after DNS, right before connecting. */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '')
    const list = addresses as LookupAddress[]
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address))) {
      return callback(Object.assign(new Error(`${hostname} resolves to a loopback or private address`), { code: 'EADDRNOTALLOWED' }), '')
    }
    if (options.all) return callback(null, list)
    const first = list[0] as LookupAddress
    callback(null, first.address, first.family)
  })
}

/**
 * The Node adapter's webhook transport: `node:http(s)` with a 15-second (or the given) deadline,
 * and, unless the endpoint may reach private networks, a DNS lookup that refuses loopback and
 * private addresses (so a public name that resolves to 127.0.0.1 is caught, not only literals).
 */
export const nodeWebhookTransport: WebhookTransport = (request) =>
  new Promise((resolve, reject) => {
    const url = new URL(request.url)
    const host = url.hostname.replace(/^\[|\]$/g, '')
    if (!request.allowPrivateNetwork && isIP(host) && isPrivateAddress(host)) {
      return reject(new WebhookTransportError(PRIVATE_ADDRESS_REFUSED))
    }
    const body = Buffer.from(request.body)
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(body.length) },
      signal: AbortSignal.timeout(request.timeoutMs),
      ...(request.allowPrivateNetwork ? {} : { lookup: publicOnlyLookup as RequestOptions['lookup'] }),
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const req = send(url, options, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
      res.on('error', () => resolve({ status: res.statusCode ?? 0 }))
    })
    req.on('error', (error: NodeJS.ErrnoException) => reject(new WebhookTransportError(reason(error))))
    req.end(body)
  })

function reason(error: NodeJS.ErrnoException): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError' || error.code === 'ABORT_ERR') return 'timeout'
  return connectionReason(error.code, error.message)
}
