import type { DomainContext } from '../domain.ts'
import { ApiError } from '../errors.ts'
import { randomToken, sha256Hex, timingSafeEqual } from '../ids.ts'
import { consume } from '../limits.ts'
import type { DashboardSessionRecord } from '../storage/dashboard-sessions.ts'

/** What opens the dashboard: the secret key, or the operator password when one is set. */
export type OperatorCredential = { secretKey: string } | { password: string }

/** Compares digests so the time taken says nothing about how much of the secret matched. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = [sha256Hex(given), sha256Hex(expected)]
  return timingSafeEqual(new TextEncoder().encode(a), new TextEncoder().encode(b))
}

/**
 * Operators' sessions in the users dashboard, apart from end users' clients: a random cookie token
 * whose SHA-256 is stored, 2 hours idle and 12 hours at most. Failed sign-ins are limited per IP.
 */
export function operatorsDomain(ctx: DomainContext, secrets: { secretKey: string; password: string | undefined }) {
  const { store, options } = ctx

  return {
    /** Signs an operator in; answers the session and the raw token for the cookie. */
    async signIn(credential: OperatorCredential, ip: string): Promise<{ session: DashboardSessionRecord; token: string }> {
      const ipKey = `dashboard:ip:${ip}`
      const rule = options.rateLimits.dashboardSignInPerIp
      await consume(store.rateLimits, options.now, [[ipKey, rule]], 'failed dashboard sign-ins')
      const byKey = 'secretKey' in credential
      const expected = byKey ? secrets.secretKey : secrets.password
      if (!expected || !(await sameSecret(byKey ? credential.secretKey : credential.password, expected))) {
        throw new ApiError(422, byKey ? 'form_secret_key_incorrect' : 'form_password_incorrect', 'is incorrect', {
          longMessage: byKey ? 'This is not the secret key.' : 'This is not the operator password.',
          param: byKey ? 'secret_key' : 'password',
        })
      }
      await store.rateLimits.refund(ipKey, rule.windowMs)
      const token = randomToken()
      return { session: await store.dashboardSessions.create(sha256Hex(token)), token }
    },

    /** The live session of this token, its expiry slid forward; 401 `dashboard_signed_out` otherwise. */
    async use(token: string | undefined): Promise<DashboardSessionRecord> {
      const session = token ? await store.dashboardSessions.useByTokenHash(sha256Hex(token)) : null
      if (!session) {
        throw new ApiError(401, 'dashboard_signed_out', 'You are signed out of the dashboard', {
          longMessage: 'Sign in to the dashboard with the secret key.',
        })
      }
      return session
    },

    async signOut(token: string | undefined): Promise<void> {
      if (token) await store.dashboardSessions.deleteByTokenHash(sha256Hex(token))
    },
  }
}
