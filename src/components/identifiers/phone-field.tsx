'use client'
import { type RefObject, useId, useMemo } from 'react'
import { cx } from '../shared/cx.ts'
import type { PhoneLib } from './phone-lib.ts'

export interface PhoneFieldProps {
  /** The phone library, or `null` while it loads (the field works unformatted meanwhile). */
  lib: PhoneLib | null
  label: string
  countryLabel: string
  hint: string
  /** ISO 3166 alpha-2, e.g. `US`. */
  country: string
  onCountryChange: (country: string) => void
  inputRef: RefObject<HTMLInputElement | null>
  value: string
  onChange: (value: string) => void
  error: string | undefined
  readOnly: boolean
  /** The language of the country names. Default: the browser's. */
  locale?: string | undefined
}

function countryName(names: Intl.DisplayNames | null, code: string): string {
  try {
    return names?.of(code) ?? code
  } catch {
    return code
  }
}

/**
 * A phone number with its country: a country select and a tel input that formats as you type
 * (once the library has loaded) and follows a typed `+<country code>`.
 */
export function PhoneField({ lib, label, countryLabel, hint, country, onCountryChange, inputRef, value, onChange, error, readOnly, locale }: PhoneFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const countries = useMemo(() => {
    const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' }) : null
    const codes = lib ? lib.getCountries() : [country]
    return codes
      .map((code) => ({
        code,
        name: countryName(names, code),
        dial: lib && lib.isSupportedCountry(code) ? `+${lib.getCountryCallingCode(code)}` : '',
      }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }, [lib, country, locale])

  const change = (text: string) => {
    // Formatting while deleting would put back the separator just removed: format only on growth.
    if (!lib || text.length < value.length) return onChange(text)
    const typer = new lib.AsYouType(lib.isSupportedCountry(country) ? country : undefined)
    const formatted = typer.input(text)
    const detected = typer.getCountry()
    if (text.trim().startsWith('+') && detected && detected !== country) onCountryChange(detected)
    onChange(formatted)
  }

  return (
    <div data-slot="phone-field" data-state={error ? 'error' : 'idle'} className="uk-phone-field">
      <div data-slot="field" className="uk-field">
        <label data-slot="field-label" className="uk-field-label" htmlFor={`${id}-country`}>
          {countryLabel}
        </label>
        <select
          id={`${id}-country`}
          data-slot="phone-field-country"
          className="uk-field-input"
          value={country}
          disabled={readOnly}
          autoComplete="tel-country-code"
          onChange={(event) => onCountryChange(event.currentTarget.value)}
        >
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.dial ? `${c.name} (${c.dial})` : c.name}
            </option>
          ))}
        </select>
      </div>
      <div data-slot="field" data-state={error ? 'error' : 'idle'} className="uk-field">
        <label data-slot="field-label" className="uk-field-label" htmlFor={`${id}-number`}>
          {label}
        </label>
        <input
          ref={inputRef}
          id={`${id}-number`}
          data-slot="field-input"
          className={cx('uk-field-input')}
          type="tel"
          name="phoneNumber"
          autoComplete="tel"
          inputMode="tel"
          value={value}
          readOnly={readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={cx(error && errorId, hintId)}
          onChange={(event) => change(event.currentTarget.value)}
        />
        <p data-slot="field-hint" className="uk-field-hint" id={hintId}>
          {hint}
        </p>
        {error && (
          <p data-slot="field-error" className="uk-field-error" id={errorId}>
            {error}
          </p>
        )}
      </div>
    </div>
  )
}
