'use client'
import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { cx } from './cx.ts'

export interface ButtonProps extends ComponentPropsWithoutRef<'button'> {
  /** Visual weight. Default: `'secondary'`. */
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger'
}

/** A plain button with the kit's look; `type="button"` unless told otherwise. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', className, type = 'button', ...props },
  ref,
) {
  return <button ref={ref} type={type} data-slot="button" data-variant={variant} className={cx('uk-button', className)} {...props} />
})
