'use client'
import { Banner } from '../../../src/components/shared/banner.tsx'
import { Button } from '../../../src/components/shared/button.tsx'
import { Field } from '../../../src/components/shared/field.tsx'
import type { DashboardMessages } from '../messages.ts'
import { DialogClose, DialogContent, DialogDescription, DialogOverlay, DialogPortal, DialogRoot, DialogTitle, usePortalContainer } from '../parts.tsx'
import type { CreateUserDraft } from '../types.ts'

/** The Backend API's parameter for each field, so its errors land at the right input. */
export const CREATE_USER_PARAMS = {
  emails: 'email_address',
  phones: 'phone_number',
  username: 'username',
  password: 'password',
  firstName: 'first_name',
  lastName: 'last_name',
} as const satisfies Record<keyof CreateUserDraft, string>

export interface CreateUserDialogViewProps {
  messages: DashboardMessages
  open: boolean
  onOpenChange: (open: boolean) => void
  /** What is typed; kept by the caller, so closing and reopening loses nothing. */
  draft: CreateUserDraft
  onDraftChange: (draft: CreateUserDraft) => void
  onSubmit: () => void
  /** `'pending'` disables the form while the request runs. */
  state: 'idle' | 'pending'
  /** Errors by Backend API parameter (`email_address`, `password` …). */
  fieldErrors?: Readonly<Record<string, string>>
  /** An error that belongs to no field. */
  banner?: string | null
}

/** The create-user dialog: emails, phones, username, password, names; errors at their fields. */
export function CreateUserDialogView(props: CreateUserDialogViewProps) {
  const { messages, open, onOpenChange, draft, onDraftChange, onSubmit, state, fieldErrors = {}, banner = null } = props
  const t = messages.create
  const container = usePortalContainer()
  const pending = state === 'pending'
  const field = (key: keyof CreateUserDraft) => ({
    name: CREATE_USER_PARAMS[key],
    value: draft[key],
    error: fieldErrors[CREATE_USER_PARAMS[key]],
    disabled: pending,
    onChange: (event: { target: { value: string } }) => onDraftChange({ ...draft, [key]: event.target.value }),
  })
  return (
    <DialogRoot open={open} onOpenChange={onOpenChange}>
      <DialogPortal container={container}>
        <DialogOverlay />
        <DialogContent className="uk-root" data-request={state}>
          <DialogTitle>{t.title}</DialogTitle>
          <DialogDescription>{t.description}</DialogDescription>
          <form
            className="dk-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault()
              if (!pending) onSubmit()
            }}
          >
            <Banner>{banner}</Banner>
            <Field label={t.emails} type="text" inputMode="email" autoComplete="off" {...field('emails')} />
            <Field label={t.phones} hint={t.phonesHint} type="text" inputMode="tel" autoComplete="off" {...field('phones')} />
            <Field label={t.username} autoComplete="off" {...field('username')} />
            <Field label={t.password} type="password" autoComplete="new-password" {...field('password')} />
            <div className="dk-form-row">
              <Field label={t.firstName} autoComplete="off" {...field('firstName')} />
              <Field label={t.lastName} autoComplete="off" {...field('lastName')} />
            </div>
            <div className="dk-form-actions">
              <DialogClose asChild>
                <Button>{t.cancel}</Button>
              </DialogClose>
              <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
                {pending ? t.pending : t.submit}
              </Button>
            </div>
          </form>
        </DialogContent>
      </DialogPortal>
    </DialogRoot>
  )
}
