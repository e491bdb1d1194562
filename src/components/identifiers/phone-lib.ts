'use client'
import { useEffect, useState } from 'react'

/** libphonenumber-js with its smallest metadata (about 36 KiB gzip): loaded on demand, never on first load. */
export type PhoneLib = typeof import('libphonenumber-js/min')

let loading: Promise<PhoneLib> | undefined

/** Loads the phone library once; later calls share the same promise. */
export function loadPhoneLib(): Promise<PhoneLib> {
  loading ??= import('libphonenumber-js/min')
  // A failed load (offline) may be tried again later.
  loading.catch(() => {
    loading = undefined
  })
  return loading
}

/** The phone library once loaded (starting the load on mount), `null` until then. */
export function usePhoneLib(): PhoneLib | null {
  const [lib, setLib] = useState<PhoneLib | null>(null)
  useEffect(() => {
    let live = true
    loadPhoneLib().then(
      (loaded) => live && setLib(() => loaded),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  return lib
}

/** `+14155550100` → `+1 415 555 0100` when the library is loaded; the E.164 form until then. */
export function formatPhone(lib: PhoneLib | null, e164: string): string {
  return lib?.parsePhoneNumberFromString(e164)?.formatInternational() ?? e164
}

/** What to send for typed text: E.164 when it parses (with the chosen country), else the text as typed. */
export function toE164(lib: PhoneLib, text: string, country: string): string {
  const parsed = lib.parsePhoneNumberFromString(text, lib.isSupportedCountry(country) ? country : undefined)
  return parsed?.number ?? text
}
