import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../../errors.ts'
import { timingSafeEqual } from '../../ids.ts'

const encoder = new TextEncoder()

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

/**
 * The Backend API's only credential: `Authorization: Bearer <secret key>`. Cookies and Origin play
 * no part (server-to-server calls have neither), so a signed-in browser can never call it.
 * The key is compared as SHA-256 digests in constant time: neither its content nor its length leaks.
 */
export function secretKeyAuth(secretKey: string, invalid: 'authentication_invalid' | 'clerk_key_invalid' = 'authentication_invalid'): MiddlewareHandler {
  const expected = digest(secretKey)
  return async (c, next) => {
    const header = c.req.header('authorization')
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i)
    if (!match) {
      throw new ApiError(401, 'authorization_header_format_invalid', 'Invalid Authorization header format', {
        longMessage: 'The Authorization header must be "Bearer <secret key>".',
      })
    }
    if (!timingSafeEqual(await digest(match[1] as string), await expected)) {
      throw new ApiError(401, invalid, 'Invalid authentication', {
        longMessage: 'Unable to authenticate the request: the secret key is not valid.',
      })
    }
    return next()
  }
}
