'use client'
import { useRef, useState } from 'react'
import type { Messages } from '../../localization/en.ts'
import { format } from '../../localization/format.ts'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { routeErrors } from '../shared/errors.ts'
import { usePortalScope } from '../shared/theme.ts'
import {
  ConfirmContent,
  ConfirmDescription,
  ConfirmOverlay,
  ConfirmPortal,
  ConfirmRoot,
  ConfirmTitle,
  RowMenuContent,
  RowMenuItem,
  RowMenuPortal,
  RowMenuRoot,
  RowMenuTrigger,
} from './parts.tsx'
import type { IdentifierItem, IdentifierStrings } from './types.ts'

export interface IdentifierListProps {
  items: readonly IdentifierItem[]
  primaryId: string | null
  strings: IdentifierStrings
  messages: Messages
  /** Makes a verified identifier primary. Without it, the menu has no "Set as primary". */
  onSetPrimary?: ((id: string) => void) | undefined
  /** Starts verifying an unverified identifier. Without it, the menu has no "Verify". */
  onVerify?: ((id: string) => void) | undefined
  /** Removes an identifier once confirmed. Without it, the menu has no "Remove". */
  onRemove?: ((id: string) => Promise<unknown>) | undefined
  /** Open the confirmation for this id on first render (stories, tests). */
  defaultRemoveId?: string | undefined
  /** Called after an identifier was removed, with its label. */
  onRemoved?: ((label: string) => void) | undefined
}

function MoreIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
      <circle cx="3.5" cy="8" r="1.25" />
      <circle cx="8" cy="8" r="1.25" />
      <circle cx="12.5" cy="8" r="1.25" />
    </svg>
  )
}

type Removing = { id: string; label: string; status: 'idle' | 'pending' | 'error'; error: string | null }

/** The identifiers with their badges, a menu per row, and the remove confirmation. */
export function IdentifierList(props: IdentifierListProps) {
  const { items, primaryId, strings, messages, onSetPrimary, onVerify, onRemove, defaultRemoveId, onRemoved } = props
  const t = messages.userProfile.identifiers
  const listRef = useRef<HTMLUListElement>(null)
  const { container, dir } = usePortalScope(listRef)
  const initial = defaultRemoveId ? items.find((i) => i.id === defaultRemoveId) : undefined
  const [removing, setRemoving] = useState<Removing | null>(
    initial ? { id: initial.id, label: initial.label, status: 'idle', error: null } : null,
  )
  // Set when a menu entry opens the dialog, so the closing menu leaves focus to the dialog.
  const openingDialog = useRef(false)

  const confirmRemove = async () => {
    if (!removing || !onRemove || removing.status === 'pending') return
    setRemoving({ ...removing, status: 'pending', error: null })
    try {
      await onRemove(removing.id)
      setRemoving(null)
      onRemoved?.(removing.label)
    } catch (error) {
      setRemoving({ ...removing, status: 'error', error: routeErrors(error, [], messages).banner })
    }
  }

  return (
    <>
      <ul ref={listRef} data-slot="identifier-list" className="uk-identifier-list" aria-label={strings.title}>
        {items.map((item) => {
          const primary = item.id === primaryId
          const canPrimary = Boolean(onSetPrimary) && item.verified && !primary
          const canVerify = Boolean(onVerify) && !item.verified
          const canRemove = Boolean(onRemove) && !primary
          return (
            <li key={item.id} data-slot="identifier-row" data-id={item.id} data-primary={primary || undefined} data-verified={item.verified}>
              <span data-slot="identifier-value" className="uk-identifier-value">
                {item.label}
              </span>
              {primary && (
                <span data-slot="identifier-badge" data-badge="primary" className="uk-identifier-badge">
                  {t.primary}
                </span>
              )}
              {!item.verified && (
                <span data-slot="identifier-badge" data-badge="unverified" className="uk-identifier-badge">
                  {t.unverified}
                </span>
              )}
              {(canPrimary || canVerify || canRemove) && (
                <RowMenuRoot modal={false} dir={dir}>
                  <RowMenuTrigger aria-label={format(strings.menu, { identifier: item.label })}>
                    <MoreIcon />
                  </RowMenuTrigger>
                  <RowMenuPortal container={container}>
                    <RowMenuContent
                      className="uk-root"
                      align="end"
                      sideOffset={4}
                      collisionPadding={8}
                      onCloseAutoFocus={(event) => {
                        if (openingDialog.current) event.preventDefault()
                      }}
                    >
                      {canPrimary && <RowMenuItem onSelect={() => onSetPrimary?.(item.id)}>{t.setPrimary}</RowMenuItem>}
                      {canVerify && <RowMenuItem onSelect={() => onVerify?.(item.id)}>{t.verify}</RowMenuItem>}
                      {canRemove && (
                        <RowMenuItem
                          data-variant="danger"
                          onSelect={() => {
                            openingDialog.current = true
                            setRemoving({ id: item.id, label: item.label, status: 'idle', error: null })
                          }}
                        >
                          {t.remove}
                        </RowMenuItem>
                      )}
                    </RowMenuContent>
                  </RowMenuPortal>
                </RowMenuRoot>
              )}
            </li>
          )
        })}
      </ul>
      <ConfirmRoot
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open && removing?.status !== 'pending') setRemoving(null)
        }}
      >
        <ConfirmPortal container={container}>
          <ConfirmOverlay className="uk-root" />
          <ConfirmContent
            className="uk-root"
            dir={dir}
            role="alertdialog"
            data-status={removing?.status}
            onOpenAutoFocus={() => {
              openingDialog.current = false
            }}
            onCloseAutoFocus={(event) => {
              // The menu entry that opened the dialog is gone; continue from the list.
              event.preventDefault()
              const section = listRef.current?.closest('[data-slot="user-profile-section"]')
              section?.querySelector<HTMLElement>('[data-slot="identifier-menu-trigger"], [data-action="add"]')?.focus()
            }}
          >
            <ConfirmTitle>{strings.removeTitle}</ConfirmTitle>
            <ConfirmDescription>{format(strings.removeDescription, { identifier: removing?.label ?? '' })}</ConfirmDescription>
            <Banner>{removing?.error}</Banner>
            <div data-slot="identifier-dialog-actions" className="uk-identifier-dialog-actions">
              <Button variant="ghost" disabled={removing?.status === 'pending'} onClick={() => setRemoving(null)}>
                {messages.common.cancel}
              </Button>
              <Button variant="danger" aria-disabled={removing?.status === 'pending' || undefined} onClick={confirmRemove}>
                {removing?.status === 'pending' ? t.removing : t.remove}
              </Button>
            </div>
          </ConfirmContent>
        </ConfirmPortal>
      </ConfirmRoot>
    </>
  )
}
