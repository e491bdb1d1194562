/**
 * Backend API helpers for tests: calls with the secret key (and no Origin, as a server sends none),
 * and the OpenAPI contract validator built from Clerk's published spec.
 */
import { readFileSync } from 'node:fs'
import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'
import type { TestRequestInit, TestServer } from './server.ts'

/** A Backend API call on a test server: `Authorization: Bearer <secret key>`, no Origin, JSON bodies. */
export function bapi(t: TestServer, key = t.server.secretKey) {
  return (path: string, init: TestRequestInit = {}) =>
    t.request(path, { origin: null, ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) } })
}

const SPEC_PATH = new URL('../contract/bapi-2026-05-12.yml', import.meta.url)

type Operation = { responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }> }

/**
 * Validates Backend API answers against the response schemas of Clerk's OpenAPI file
 * (`test/contract/bapi-2026-05-12.yml`, a copy of Clerk's published file). OpenAPI 3.0's `nullable` is an ajv
 * keyword; each component schema is added once and compiled when a response first uses it.
 */
export function contractValidator() {
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>
    components: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }
  }
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(format, true)
  const components = (spec.components as unknown as { schemas: Record<string, object> }).schemas
  for (const [name, schema] of Object.entries(components)) ajv.addSchema({ ...(forAjv(schema) as object), $id: `bapi:${name}` })
  const cache = new Map<string, ValidateFunction>()

  /** The schema pointer for an operation's answer with `status`, or `null` if the spec has no body for it. */
  function schemaFor(path: string, method: string, status: number): unknown {
    const op = spec.paths[path]?.[method.toLowerCase()]
    if (!op) throw new Error(`the spec has no ${method} ${path}`)
    let response = op.responses[String(status)]
    if (!response) throw new Error(`the spec has no ${status} answer for ${method} ${path}`)
    if (response.$ref) response = spec.components.responses[response.$ref.split('/').pop() as string] as typeof response
    const schema = response.content?.['application/json']?.schema
    return schema ?? null
  }

  return {
    /**
     * Asserts that `body` (status `status`) fits the spec's answer for `method path` (path as in the
     * spec, e.g. `/users/{user_id}`). Answers the error list, empty when it fits.
     */
    errors(path: string, method: string, status: number, body: unknown): string[] {
      const key = `${method} ${path} ${status}`
      let validate = cache.get(key)
      if (!validate) {
        const schema = schemaFor(path, method, status)
        // Errors the spec leaves without a body still have to be Clerk errors.
        const target = schema ?? { $ref: '#/components/schemas/ClerkErrors' }
        validate = ajv.compile(forAjv(target) as object)
        cache.set(key, validate)
      }
      if (validate(body)) return []
      return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)
    },
  }
}

/**
 * Rewrites an OpenAPI 3.0 schema for ajv: `#/components/schemas/X` refs point at the component
 * added on its own (so only what a response uses is compiled), `discriminator` goes (ajv wants no
 * `mapping`; each `oneOf` branch's `object` enum decides alone), and `nullable` beside no `type` or
 * beside `oneOf`/`allOf`/`$ref` (whose branches would refuse null) becomes an `anyOf` with null.
 */
function forAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forAjv)
  if (!schema || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'discriminator') continue
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', 'bapi:') : forAjv(v)
  }
  const combined = out.oneOf !== undefined || out.anyOf !== undefined || out.allOf !== undefined || out.$ref !== undefined
  if (out.nullable === true && (out.type === undefined || combined)) {
    delete out.nullable
    return { anyOf: [out, { type: 'null' }] }
  }
  return out
}

/** Serves a test server's app on 127.0.0.1 at a free port, for clients that need a real URL (@clerk/backend, Express). */
export async function listen(t: TestServer, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const { serve } = await import('@hono/node-server')
  const http = await new Promise<ReturnType<typeof serve>>((done) => {
    const s = serve({ fetch: t.server.app.fetch, port, hostname: '127.0.0.1' }, () => done(s))
  })
  const address = http.address()
  const bound = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((done) => {
        http.close(() => done())
        if ('closeAllConnections' in http) http.closeAllConnections()
      }),
  }
}

export { freePort } from './ports.ts'
