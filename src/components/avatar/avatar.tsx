'use client'
import { useState } from 'react'
import { cx } from '../shared/cx.ts'

export interface AvatarProps {
  /** The image to show; `null` shows the initials of `name`. */
  src: string | null
  /** The person's name or identifier; its initials stand in when there is no image. */
  name: string
  /** Alternative text; leave it out when the name is written next to the avatar (decorative). Default: decorative. */
  alt?: string | undefined
  /** Default: `'md'` (2 rem). */
  size?: 'sm' | 'md' | 'lg'
  className?: string | undefined
}

/** Up to two initials, by user-perceived characters so that right-to-left and accented names work. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const first = (w: string | undefined) => (w ? (Array.from(w)[0] ?? '') : '')
  return (first(words[0]) + (words.length > 1 ? first(words[words.length - 1]) : '')).toLocaleUpperCase()
}

/** A round user image, or the initials when there is no image or it fails to load. */
export function Avatar({ src, name, alt, size = 'md', className }: AvatarProps) {
  const [failed, setFailed] = useState<string | null>(null)
  const showImage = src !== null && failed !== src
  return (
    <span
      data-slot="avatar"
      data-size={size}
      data-state={showImage ? 'image' : 'initials'}
      className={cx('uk-avatar', className)}
      role={alt && !showImage ? 'img' : undefined}
      aria-label={alt && !showImage ? alt : undefined}
    >
      {showImage ? (
        <img data-slot="avatar-image" src={src} alt={alt ?? ''} onError={() => setFailed(src)} />
      ) : (
        // Drawn by CSS from the attribute: decorative text that never joins a button's name (WCAG 2.5.3).
        <span data-slot="avatar-initials" data-initials={initials(name)} aria-hidden="true" />
      )}
    </span>
  )
}
