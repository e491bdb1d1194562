/**
 * The publishable key Clerk's SDKs need beside the secret key: `pk_live_` + unpadded base64 of the
 * Frontend API's address and a `$`. That address is the server's public URL: `host[:port]` for
 * https, `http://host:port` for http, so the SDK's handshake goes to the right scheme.
 */

/** The public URL as an origin (`https://users.example.com`); throws a `TypeError` naming the setting. */
export function publicOrigin(publicUrl: string): string {
  let url: URL
  try {
    url = new URL(publicUrl)
  } catch {
    throw new TypeError(`userkit: publicUrl (USERKIT_PUBLIC_URL) "${publicUrl}" is not a URL, e.g. https://users.example.com.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`userkit: publicUrl (USERKIT_PUBLIC_URL) must be an https:// or http:// URL, not "${publicUrl}".`)
  }
  // Clerk's SDKs refuse a publishable key whose host has no dot.
  if (!url.hostname.includes('.')) {
    throw new TypeError(
      `userkit: publicUrl (USERKIT_PUBLIC_URL) "${publicUrl}" has a host without a dot, which Clerk's SDKs refuse: use 127.0.0.1 or a name such as auth.localhost instead of ${url.hostname}.`,
    )
  }
  return url.origin
}

/** `pk_live_…` for the public URL. */
export function publishableKey(publicUrl: string): string {
  const url = new URL(publicOrigin(publicUrl))
  const frontendApi = url.protocol === 'https:' ? url.host : `http://${url.host}`
  return `pk_live_${btoa(`${frontendApi}$`).replace(/=+$/, '')}`
}

/** The suffix of Clerk's cookie names for a publishable key: 8 characters of base64url(SHA-1(pk)). */
export async function cookieSuffix(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(key)))
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').slice(0, 8)
}
