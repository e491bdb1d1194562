'use client'
import { useState } from 'react'
import { Banner } from '../../../src/components/shared/banner.tsx'
import { Button } from '../../../src/components/shared/button.tsx'
import { Field } from '../../../src/components/shared/field.tsx'
import { format } from '../../../src/localization/format.ts'
import type { DashboardMessages } from '../messages.ts'
import { DialogClose, DialogContent, DialogDescription, DialogOverlay, DialogPortal, DialogRoot, DialogTitle, usePortalContainer } from '../parts.tsx'

export interface DeleteUserDialogViewProps {
  messages: DashboardMessages
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The user's name, said in the title and the text. */
  name: string
  /** When set, the operator must type this (e.g. the user's email address) before deleting. Default: no typing. */
  confirmText?: string | undefined
  onConfirm: () => void
  state: 'idle' | 'pending'
  /** Why the last attempt failed. */
  error?: string | null
}

/** The confirmation before deleting a user; names the user, and can ask to type an identifier. */
export function DeleteUserDialogView(props: DeleteUserDialogViewProps) {
  const { messages, open, onOpenChange, name, confirmText, onConfirm, state, error = null } = props
  const t = messages.deleteUser
  const container = usePortalContainer()
  const [typed, setTyped] = useState('')
  const pending = state === 'pending'
  const ready = confirmText === undefined || typed.trim() === confirmText
  return (
    <DialogRoot
      open={open}
      onOpenChange={(next) => {
        if (!next) setTyped('')
        onOpenChange(next)
      }}
    >
      <DialogPortal container={container}>
        <DialogOverlay />
        <DialogContent className="uk-root" role="alertdialog">
          <DialogTitle>{format(t.title, { name })}</DialogTitle>
          <DialogDescription>{format(t.description, { name })}</DialogDescription>
          <form
            className="dk-form"
            onSubmit={(event) => {
              event.preventDefault()
              if (ready && !pending) onConfirm()
            }}
          >
            <Banner>{error}</Banner>
            {confirmText !== undefined && (
              <Field
                label={format(t.typeToConfirm, { confirm: confirmText })}
                autoComplete="off"
                spellCheck={false}
                value={typed}
                disabled={pending}
                onChange={(event) => setTyped(event.target.value)}
              />
            )}
            <div className="dk-form-actions">
              <DialogClose asChild>
                <Button>{t.cancel}</Button>
              </DialogClose>
              <Button type="submit" variant="danger" disabled={!ready} aria-disabled={pending || undefined}>
                {pending ? t.pending : t.confirm}
              </Button>
            </div>
          </form>
        </DialogContent>
      </DialogPortal>
    </DialogRoot>
  )
}
