import axe from 'axe-core'
import { expect } from 'vitest'

/** Runs axe on the whole document (portals included) and expects no WCAG 2.1 A/AA violation. */
export async function expectNoAxeViolations(): Promise<void> {
  // Colour contrast is measured on what is painted: let the open animations (opacity) finish.
  await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))
  const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } })
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)
  expect(found).toEqual([])
}
