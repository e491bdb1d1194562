import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * The one place JSON responses are written. Hono's `c.json` appends `; charset=utf-8`, which makes
 * @clerk/backend treat every answer as text (TOOLCHAIN.md), so the header is set here exactly.
 * Going through `c.body` keeps headers set earlier on the context (Set-Cookie).
 */
export function sendJson(c: Context, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, {
    ...headers,
    'Content-Type': 'application/json',
    // Answers carry personal data and session state: no shared or stale copies.
    'Cache-Control': 'no-store',
  })
}

/** The request's origin (`http://host:port`), from which absolute image URLs are built. */
export function requestOrigin(request: Request): string {
  return new URL(request.url).origin
}
