'use client'
import { type FunctionComponent, type ReactNode, useId } from 'react'
import { cx } from '../shared/cx.ts'
import type { UserProfilePageId } from './pages.ts'

/** What <UserProfile> reads from a section component to place it. */
export interface SectionMeta {
  /** The page the section appears on. */
  readonly page: UserProfilePageId
  /** A stable id, also written to `data-section`. */
  readonly sectionId: string
}

/**
 * Registers a connected section: <UserProfile> groups its children by `page`. Later sections
 * (emails, phones, connected accounts, password) are defined the same way and added to the defaults.
 */
export function defineSection<P>(component: FunctionComponent<P>, meta: SectionMeta): FunctionComponent<P> & SectionMeta {
  return Object.assign(component, meta)
}

export interface SectionFrameProps {
  /** The section id (`data-section`). */
  id: string
  title: string
  /** `'view'` or `'edit'`, written to `data-state`. */
  state: string
  className?: string | undefined
  children: ReactNode
}

/** The shared layout of a profile section: a titled region with its body. */
export function SectionFrame({ id, title, state, className, children }: SectionFrameProps) {
  const titleId = useId()
  return (
    <section
      aria-labelledby={titleId}
      data-slot="user-profile-section"
      data-section={id}
      data-state={state}
      className={cx('uk-root uk-user-profile-section', className)}
    >
      <h3 id={titleId} data-slot="user-profile-section-title" className="uk-user-profile-section-title">
        {title}
      </h3>
      <div data-slot="user-profile-section-body" className="uk-user-profile-section-body">
        {children}
      </div>
    </section>
  )
}
