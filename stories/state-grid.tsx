import type { CSSProperties, ReactNode } from 'react'

export interface StateGridProps {
  /** The accessible name of the grid (the component's name). */
  label: string
  /** Minimum width of a cell. Default 220px. */
  minCellWidth?: number
  children: ReactNode
}

/** Lays out the states of one component side by side, for review and for the screenshot tests. */
export function StateGrid({ label, minCellWidth = 220, children }: StateGridProps) {
  const style: CSSProperties = {
    display: 'grid',
    gap: 16,
    gridTemplateColumns: `repeat(auto-fill, minmax(min(${minCellWidth}px, 100%), 1fr))`,
    alignItems: 'start',
    background: 'var(--uk-c-background)',
    padding: 16,
  }
  return (
    <section aria-label={label} data-testid="all-states" className="uk-root" style={style}>
      {children}
    </section>
  )
}

export interface StateCellProps {
  /** The state's name, shown above it. */
  label: string
  /** Force a theme for this cell. Default: the toolbar's. */
  theme?: 'light' | 'dark'
  /** Make the cell span the whole row (wide components, open menus). */
  wide?: boolean
  /** Minimum height, e.g. room for an open menu. */
  minHeight?: number
  children: ReactNode
}

/** One state: its name and the component on the theme's background. */
export function StateCell({ label, theme, wide, minHeight, children }: StateCellProps) {
  return (
    <figure style={{ margin: 0, gridColumn: wide ? '1 / -1' : undefined }}>
      <figcaption style={{ fontSize: 12, marginBottom: 6, color: 'var(--uk-c-muted)' }}>
        {label}
      </figcaption>
      <div
        data-uk-theme={theme}
        className="uk-root"
        style={{ background: 'var(--uk-c-background)', border: '1px solid var(--uk-c-border)', borderRadius: 12, padding: 16, minHeight }}
      >
        {children}
      </div>
    </figure>
  )
}

