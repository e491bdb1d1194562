import type { JsonObject } from './types.ts'

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The outcome of reading a metadata editor's text. */
export type ParsedMetadata = { ok: true; value: JsonObject } | { ok: false; reason: 'syntax'; message: string } | { ok: false; reason: 'not_object' }

/** Reads an editor's text: a JSON object, or why not (checked before anything is sent). */
export function parseMetadata(text: string): ParsedMetadata {
  let value: unknown
  try {
    value = JSON.parse(text.trim() === '' ? '{}' : text)
  } catch (error) {
    return { ok: false, reason: 'syntax', message: error instanceof Error ? error.message : String(error) }
  }
  return isObject(value) ? { ok: true, value } : { ok: false, reason: 'not_object' }
}

/**
 * The patch that turns `before` into `after` under the metadata endpoint's deep merge (RFC 7386):
 * keys gone from `after` become `null` (which deletes them), nested objects are diffed the same way.
 */
export function mergePatch(before: JsonObject, after: JsonObject): JsonObject {
  const patch: JsonObject = {}
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null
  for (const [key, value] of Object.entries(after)) {
    const old = before[key]
    if (isObject(old) && isObject(value)) {
      const inner = mergePatch(old, value)
      if (Object.keys(inner).length > 0) patch[key] = inner
    } else if (JSON.stringify(old) !== JSON.stringify(value)) {
      patch[key] = value
    }
  }
  return patch
}

/** Metadata as the editor shows it: two-space indented JSON. */
export const showJson = (value: JsonObject) => JSON.stringify(value, null, 2)
