/**
 * The French catalog the Storybook language toolbar uses (and apps import as `fr`): every English
 * key translated, with the same `{placeholders}`, so `format()` fills in every value.
 */
import { describe, expect, it } from 'vitest'
import { en } from '../../src/localization/en.ts'
import { fr } from '../../src/localization/fr.ts'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, path = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const at = path ? `${path}.${key}` : key
    if (typeof value === 'string') out.set(at, value)
    else for (const [k, v] of leaves(value, at)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the French catalog', () => {
  const english = leaves(en as unknown as Tree)
  const french = leaves(fr as unknown as Tree)

  it('should translate every English key and add none', () => {
    expect([...english.keys()].filter((k) => !french.has(k))).toEqual([])
    expect([...french.keys()].filter((k) => !english.has(k))).toEqual([])
  })

  it('should keep the placeholders of each English text', () => {
    const differing = [...english].filter(([key, text]) => french.has(key) && placeholders(french.get(key) ?? '').join() !== placeholders(text).join())
    expect(differing.map(([key]) => key)).toEqual([])
  })

  it('should be French, not a copy of the English texts', () => {
    // A word or two may be the same in both languages ("Continuer" is not, "Accès" is); sentences are not.
    const copied = [...english].filter(([key, text]) => french.get(key) === text && text.split(' ').length > 2)
    expect(copied.map(([key]) => key)).toEqual([])
  })
})
