import type { Context } from 'hono'

/** Options of `createInProcessFetch`. */
export interface InProcessFetchOptions {
  /** The URL the app pretends to be served at; relative request URLs resolve against it. */
  baseUrl: string
  /**
   * The `Origin` the requests come from. Default: `baseUrl`'s origin, as a same-origin page would
   * send. `null` sends none (to test the Origin check).
   */
  origin?: string | null
}

/**
 * What the in-process fetch hands the app beside the request (as Hono's `env`). In a browser page
 * a script cannot put `Origin` or `Cookie` on a Request nor read `Set-Cookie` from a Response
 * (forbidden header names), so the jar and the origin travel here. Only in-process callers can set
 * bindings; nothing that arrives over the network can.
 */
export interface InProcessBindings {
  userkitInProcess: { cookies: Map<string, string>; origin: string | null }
}

/** The in-process side channel of this request, if it came through `createInProcessFetch`. */
export function inProcess(c: Context): InProcessBindings['userkitInProcess'] | undefined {
  const env = c.env as Partial<InProcessBindings> | undefined
  return env && typeof env === 'object' ? env.userkitInProcess : undefined
}

/**
 * A `fetch` that hands requests straight to a fetch handler (`server.app.fetch`) in the same
 * process, with a cookie jar like a browser's. Web standards only, so it also runs in a Storybook
 * page. In Node the cookies and Origin also travel as ordinary headers.
 */
export function createInProcessFetch(
  handler: (request: Request, env: InProcessBindings) => Response | Promise<Response>,
  options: InProcessFetchOptions,
): typeof fetch {
  const base = new URL(options.baseUrl)
  const origin = options.origin === undefined ? base.origin : options.origin
  const jar = new Map<string, string>()

  return async (input, init) => {
    const url = input instanceof Request ? input.url : new URL(String(input), base).href
    const request = new Request(input instanceof Request ? input : url, init)
    const headers = new Headers(request.headers)
    if (origin !== null && !headers.has('origin')) headers.set('origin', origin)
    if (jar.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', Array.from(jar, ([name, value]) => `${name}=${value}`).join('; '))
    }
    const response = await handler(new Request(request, { headers }), { userkitInProcess: { cookies: jar, origin } })
    for (const line of response.headers.getSetCookie?.() ?? []) remember(jar, line)
    return response
  }
}

/** Applies one `Set-Cookie` line to the jar (a single-origin jar: Domain and Path are not needed). */
function remember(jar: Map<string, string>, line: string): void {
  const [pair = '', ...attributes] = line.split(';')
  const eq = pair.indexOf('=')
  if (eq <= 0) return
  const name = pair.slice(0, eq).trim()
  const value = pair.slice(eq + 1).trim()
  const expired = attributes.some((a) => {
    const [key = '', val = ''] = a.split('=').map((s) => s.trim())
    if (key.toLowerCase() === 'max-age') return Number(val) <= 0
    if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now()
    return false
  })
  if (expired || value === '') jar.delete(name)
  else jar.set(name, value)
}
