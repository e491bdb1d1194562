import { normalizeOrigin } from '../options.ts'

/**
 * The redirect URL to use after an email link, or `null` when it is not allowed. Only the server's
 * own origin and the operator's allowed origins pass (the Frontend API's allowlist): anything else
 * would make the link route an open redirect. Relative paths resolve against the server's origin;
 * resolving first means `//evil.example` and `/\evil.example` are judged by where they really go.
 */
export function allowedRedirect(value: string, ownOrigin: string, allowedOrigins: ReadonlySet<string>): string | null {
  let url: URL
  try {
    url = new URL(value, ownOrigin)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username || url.password) return null
  const origin = normalizeOrigin(url.href)
  if (origin === null || (origin !== normalizeOrigin(ownOrigin) && !allowedOrigins.has(origin))) return null
  return url.href
}
