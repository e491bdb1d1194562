import { Hono } from 'hono'
import { notFound } from '../../errors.ts'
import { initialsSvg } from '../../images.ts'
import type { RouteDeps } from '../env.ts'

// User content on our own origin: no sniffing, and no scripts or sub-resources even if opened directly.
const IMAGE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
}

/** Public image routes: stored uploads (`/v1/images/{img_id}`) and generated initials (`/v1/images/initials/{text}.svg`). */
export function imageRoutes(deps: RouteDeps) {
  return new Hono()
    .get('/initials/:file', (c) => {
      const match = /^(.+)\.svg$/.exec(c.req.param('file'))
      const text = match?.[1]
      // At most three characters: this is an avatar, not a way to put any text on our origin.
      if (!text || Array.from(text).length > 3) throw notFound('image')
      return c.body(initialsSvg(text), 200, {
        ...IMAGE_HEADERS,
        'Content-Type': 'image/svg+xml',
        'Cache-Control': 'public, max-age=86400',
      })
    })
    .get('/:id', async (c) => {
      const id = c.req.param('id')
      const blob = /^img_[0-9A-Za-z]{1,64}$/.test(id) ? await deps.store.blobs.get(id) : null
      if (!blob) throw notFound('image')
      // An id names one upload forever (a new avatar gets a new id), so caches may keep it.
      return c.body(blob.bytes as Uint8Array<ArrayBuffer>, 200, {
        ...IMAGE_HEADERS,
        'Content-Type': blob.contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
      })
    })
}
