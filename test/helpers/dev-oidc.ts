/**
 * Drives the local OIDC provider's login and consent pages the way a browser would (cookies,
 * redirects, form posts), so server tests can run the real authorization code flow without one.
 */

export interface ConsentOptions {
  /** The user name typed on the login page. Default `'ada'`. */
  login?: string
  /** Press "Cancel" on the consent page instead of "Continue". Default `false`. */
  refuse?: boolean
}

/**
 * Follows `authorizationUrl` through login and consent and answers the URL the provider sends
 * the browser back to (the userkit callback, with `code` and `state`, or `error`).
 */
export async function consentAtDevOidc(authorizationUrl: string, options: ConsentOptions = {}): Promise<URL> {
  const issuer = new URL(authorizationUrl).origin
  const jar = new Map<string, string>()
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = (pair as string).indexOf('=')
      jar.set((pair as string).slice(0, at), (pair as string).slice(at + 1))
    }
    return res
  }
  const form = (fields: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })

  let res = await send(authorizationUrl)
  for (let step = 0; step < 12; step++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') as string, issuer)
      if (next.origin !== issuer) return next
      res = await send(next.href)
      continue
    }
    const html = await res.text()
    const uid = /\/interaction\/([\w-]+)/.exec(res.url || html)?.[1] ?? /action="\/interaction\/([\w-]+)"/.exec(html)?.[1]
    if (res.status !== 200 || !uid) throw new Error(`dev-oidc: unexpected page (${res.status}): ${html.slice(0, 300)}`)
    if (html.includes('value="login"')) {
      res = await send(`${issuer}/interaction/${uid}`, form({ prompt: 'login', login: options.login ?? 'ada', password: 'any' }))
    } else if (options.refuse) {
      res = await send(`${issuer}/interaction/${uid}/abort`)
    } else {
      res = await send(`${issuer}/interaction/${uid}`, form({ prompt: 'consent' }))
    }
  }
  throw new Error('dev-oidc: too many steps')
}
