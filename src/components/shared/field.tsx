'use client'
import { type ComponentPropsWithoutRef, forwardRef, useId } from 'react'
import { cx } from './cx.ts'

export interface FieldProps extends ComponentPropsWithoutRef<'input'> {
  label: string
  /** The error under the input; sets `aria-invalid` and describes the input. */
  error?: string | undefined
  hint?: string | undefined
}

/** A labelled input with its hint and error, wired with ids for assistive technology. */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field({ label, error, hint, className, id, ...input }, ref) {
  const auto = useId()
  const inputId = id ?? auto
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = error ? `${inputId}-error` : undefined
  return (
    <div data-slot="field" data-state={error ? 'error' : 'idle'} className={cx('uk-field', className)}>
      <label data-slot="field-label" className="uk-field-label" htmlFor={inputId}>
        {label}
      </label>
      <input
        data-slot="field-input"
        className="uk-field-input"
        ref={ref}
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={cx(errorId, hintId) || undefined}
        {...input}
      />
      {hint && (
        <p data-slot="field-hint" className="uk-field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p data-slot="field-error" className="uk-field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  )
})
