import { type Context, Hono } from 'hono'
import { LINK_STATUS_PARAM } from '../../../src/wire/index.ts'
import { escapeHtml, HTML_HEADERS, htmlPage } from '../../delivery/html.ts'
import { requestOrigin } from '../../http.ts'
import type { ResolvedOptions } from '../../options.ts'
import { allowedRedirect } from '../../verification/redirect.ts'
import type { RouteDeps } from '../env.ts'

// randomToken(): 32 bytes in unpadded base64url.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/**
 * `GET /v1/verify?token=…`: the email link. Opening it verifies the address (once, within 10
 * minutes; no session needed, the token is the proof), then redirects to the `redirect_url` given
 * at prepare time with `__userkit_status=verified|expired`, or shows a plain page when there is
 * none. The redirect is checked against the allowlist again here: no open redirect, ever.
 */
export function verifyLinkRoutes(deps: RouteDeps) {
  return new Hono().get('/', async (c) => {
    const token = c.req.query('token') ?? ''
    const outcome = TOKEN_PATTERN.test(token) ? await deps.domain.verification.openLink(token) : null
    if (!outcome) return page(c, deps.options, 'invalid', 400)
    const target = outcome.redirectUrl
      ? allowedRedirect(outcome.redirectUrl, requestOrigin(c.req.raw), deps.options.allowedOrigins)
      : null
    if (target) {
      const url = new URL(target)
      url.searchParams.set(LINK_STATUS_PARAM, outcome.status)
      return c.body(null, 303, { Location: url.href, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })
    }
    return page(c, deps.options, outcome.status, outcome.status === 'verified' ? 200 : 410)
  })
}

function page(c: Context, options: ResolvedOptions, kind: 'verified' | 'expired' | 'invalid', status: 200 | 400 | 410): Response {
  const { title, text } = options.messages.linkPage[kind]
  const html = htmlPage(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`)
  return c.body(html, status, HTML_HEADERS)
}
