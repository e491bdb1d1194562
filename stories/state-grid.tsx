import type { Attributes, CSSProperties, ReactNode } from 'react'

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

/** A story of another file, as far as a grid cell needs it. */
interface StoryLike<P> {
  name?: string
  args?: Partial<P>
  parameters?: { theme?: 'light' | 'dark' }
}

export interface StoryCellsProps<P> {
  /** The view the stories render. */
  component: (props: P) => ReactNode
  /** The story file's default export: its args are the base of every cell. */
  meta: { args?: Partial<P> }
  /** The stories to show, in order, with the state's name. Their play functions do not run here. */
  stories: [label: string, story: StoryLike<P>][]
  /** Overrides for every cell, e.g. the toolbar language's `messages`. */
  override: Partial<P>
  /** Make every cell span the row. */
  wide?: boolean
}

/**
 * One cell per chosen story of a component's own story file, rendered from that story's args, so
 * the grid and the file show the very same states.
 */
export function StoryCells<P>({ component: View, meta, stories, override, wide }: StoryCellsProps<P>) {
  return stories.map(([label, story]) => (
    <StateCell key={label} label={label} theme={story.parameters?.theme} wide={wide}>
      <View {...({ ...meta.args, ...story.args, ...override } as P & Attributes)} />
    </StateCell>
  ))
}
