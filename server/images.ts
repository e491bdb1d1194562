/** Image types the server accepts, recognised by their first bytes (never by the declared type). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const

/** Largest profile image accepted: 10 MB. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b)

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0))

/** The image type of `bytes` by magic number, or `null` if it is none of the accepted ones. */
export function detectImageType(bytes: Uint8Array): (typeof IMAGE_TYPES)[number] | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp'
  return null
}

// Soft colours with white text that keeps WCAG AA contrast (≥ 4.5:1).
const PALETTE = ['#4338ca', '#0f766e', '#b45309', '#be123c', '#6d28d9', '#1d4ed8', '#047857', '#a21caf']

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string)

/** A small square SVG avatar with the initials on a colour chosen from them. */
export function initialsSvg(text: string): string {
  let hash = 0
  for (const c of text) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0
  const colour = PALETTE[hash % PALETTE.length]
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">` +
    `<rect width="64" height="64" fill="${colour}"/>` +
    `<text x="50%" y="50%" dy=".35em" text-anchor="middle" fill="#fff" font-family="system-ui,sans-serif" ` +
    `font-size="26" font-weight="600">${escapeXml(text)}</text></svg>`
  )
}
