import type { MiddlewareHandler } from 'hono'
import type { Domain } from '../domain.ts'
import { signedOut } from '../errors.ts'
import type { ResolvedOptions } from '../options.ts'
import type { SignedIn } from '../sessions/index.ts'
import type { Store } from '../storage/store.ts'
import { readClientToken } from './cookies.ts'

/** What every sub-app is built from: the domain for changes, the store for plain reads, the options. */
export interface RouteDeps {
  domain: Domain
  store: Store
  options: ResolvedOptions
}

/** The Hono environment of routes behind `signedIn()`: the signed-in state on `c.var`. */
export interface SignedInEnv {
  Variables: SignedIn
}

/**
 * Puts the signed-in client, session, user and the client's sessions on `c.var`, or answers 401
 * `signed_out` when the browser's cookie names no live session.
 */
export function signedIn(deps: RouteDeps): MiddlewareHandler<SignedInEnv> {
  return async (c, next) => {
    const state = await deps.domain.sessions.signedIn(readClientToken(c))
    if (!state) throw signedOut()
    c.set('client', state.client)
    c.set('session', state.session)
    c.set('user', state.user)
    c.set('sessions', state.sessions)
    await next()
  }
}
