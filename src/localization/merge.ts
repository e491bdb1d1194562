/** A partial catalog: any subset of keys, at any depth. */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> }

/** Overlays `override` on `base`, key by key; keys the override leaves out keep the base text. */
export function mergeMessages<T extends object>(base: T, override: DeepPartial<T> | undefined): T {
  if (!override) return base
  const out = { ...base } as Record<string, unknown>
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue
    const current = (base as Record<string, unknown>)[key]
    out[key] =
      typeof value === 'object' && value !== null && typeof current === 'object' && current !== null
        ? mergeMessages(current as object, value as DeepPartial<object>)
        : value
  }
  return out as T
}
