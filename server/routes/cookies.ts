import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { inProcess } from '../in-process.ts'

/** The browser's client cookie, as in Clerk: a random token whose SHA-256 the database keeps. */
export const CLIENT_COOKIE = '__client'

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/** Plain-HTTP development hosts, where a Secure cookie would never come back. */
export function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.localhost')
}

export function readClientToken(c: Context): string | undefined {
  return getCookie(c, CLIENT_COOKIE) || inProcess(c)?.cookies.get(CLIENT_COOKIE) || undefined
}

/** HttpOnly so scripts cannot steal it; Lax so cross-site POSTs do not carry it; Secure outside localhost. */
export function writeClientToken(c: Context, token: string): void {
  setCookie(c, CLIENT_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: !isLocalHost(new URL(c.req.url).hostname),
    maxAge: ONE_YEAR_SECONDS,
  })
  inProcess(c)?.cookies.set(CLIENT_COOKIE, token)
}
