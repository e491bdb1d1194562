/**
 * What a template database holds before tests copy it: the schema, and the session-token signing
 * key, which costs 100–600 ms to make. Made once per template, every copy signs without that cost.
 * Web standards only: the live stories and the browser tests use it too.
 */
import { createUserkitServer } from '../../server/app.ts'
import type { Database } from '../../server/storage/database.ts'

export async function prepareTemplate(database: Database): Promise<void> {
  // The template's own handle stays open: the caller dumps or copies it afterwards.
  const server = await createUserkitServer({ database: { ...database, close: async () => undefined }, env: 'development' })
  // The JWKS makes the first key when there is none.
  const res = await server.app.request('/.well-known/jwks.json')
  if (!res.ok) throw new Error(`userkit test template: no signing key (${res.status})`)
  await server.close()
}
