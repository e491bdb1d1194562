/**
 * Every error code of the wire contract has a text in the English catalog (and so, by the French
 * catalog's completeness check, in every catalog), and the catalog holds texts for codes only.
 */
import { describe, expect, it } from 'vitest'
import { en } from '../../src/localization/en.ts'
import { ERROR_CODES } from '../../src/wire/index.ts'

const table = en.errors as Record<string, string>

describe('the error codes', () => {
  it('should each have a text in the English catalog', () => {
    expect(ERROR_CODES.filter((code) => !table[code])).toEqual([])
  })

  it('should be listed once each', () => {
    expect(ERROR_CODES.filter((code, i) => ERROR_CODES.indexOf(code) !== i)).toEqual([])
  })

  it('should be the only keys of the catalog, besides `<code>_<param>` texts and the fallback', () => {
    const known = (key: string) => key === 'unknown' || ERROR_CODES.some((code) => key === code || key.startsWith(`${code}_`))
    expect(Object.keys(table).filter((key) => !known(key))).toEqual([])
  })
})
