'use client'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import type { User } from '../../api/types.ts'
import { format } from '../../localization/format.ts'
import type { Messages } from '../../localization/en.ts'
import { Avatar } from '../avatar/avatar.tsx'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { type FormErrors, noErrors, routeErrors } from '../shared/errors.ts'
import { Field } from '../shared/field.tsx'
import { displayName } from '../shared/user.ts'
import { SectionFrame } from './section.tsx'
import { useReturnFocus } from '../shared/use-return-focus.ts'

/** The image types the server accepts (it checks the bytes too). */
export const defaultImageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
/** 10 MB, the server's limit. */
export const defaultImageMaxBytes = 10 * 1024 * 1024

export interface ProfileSectionViewProps {
  user: User
  messages: Messages
  /** Saves the names (only changed keys are given). Without it, the names are not editable. */
  onUpdate?: (changes: { firstName?: string | null; lastName?: string | null }) => Promise<unknown>
  /** Uploads (`File`) or removes (`null`) the image. Without it, the image is not editable. */
  onSetImage?: (file: File | null) => Promise<unknown>
  /** Accepted image types. Default: png, jpeg, gif, webp. */
  imageTypes?: readonly string[]
  /** The largest image accepted, in bytes. Default: 10 MB. */
  imageMaxBytes?: number
  /** Start in the edit form (stories, tests). Default: `false`. */
  defaultEditing?: boolean
  className?: string
}

type Status = 'idle' | 'pending' | 'error'

/** Profile: the avatar and the name, with a form to change them. */
export function ProfileSectionView({
  user,
  messages,
  onUpdate,
  onSetImage,
  imageTypes = defaultImageTypes,
  imageMaxBytes = defaultImageMaxBytes,
  defaultEditing = false,
  className,
}: ProfileSectionViewProps) {
  const t = messages.userProfile.profile
  const canEdit = Boolean(onUpdate || onSetImage)
  const [editing, setEditing] = useState(defaultEditing && canEdit)
  const editButton = useRef<HTMLButtonElement>(null)
  const name = displayName(user)

  useReturnFocus(editing, editButton)
  const close = () => setEditing(false)

  return (
    <SectionFrame id="profile" title={t.title} state={editing ? 'edit' : 'view'} className={className}>
      {editing ? (
        <ProfileForm
          user={user}
          messages={messages}
          onUpdate={onUpdate}
          onSetImage={onSetImage}
          imageTypes={imageTypes}
          imageMaxBytes={imageMaxBytes}
          onDone={close}
        />
      ) : (
        <div data-slot="user-profile-row" className="uk-user-profile-row">
          <Avatar src={user.hasImage ? user.imageUrl : null} name={name} size="lg" />
          <span data-slot="user-profile-value">{user.fullName ?? ''}</span>
          {canEdit && (
            <Button ref={editButton} variant="ghost" onClick={() => setEditing(true)}>
              {t.edit}
            </Button>
          )}
        </div>
      )}
    </SectionFrame>
  )
}

interface ProfileFormProps extends Required<Pick<ProfileSectionViewProps, 'user' | 'messages' | 'imageTypes' | 'imageMaxBytes'>> {
  onUpdate: ProfileSectionViewProps['onUpdate']
  onSetImage: ProfileSectionViewProps['onSetImage']
  onDone: () => void
}

function ProfileForm({ user, messages, onUpdate, onSetImage, imageTypes, imageMaxBytes, onDone }: ProfileFormProps) {
  const t = messages.userProfile.profile
  const [firstName, setFirstName] = useState(user.firstName ?? '')
  const [lastName, setLastName] = useState(user.lastName ?? '')
  // undefined: unchanged; a File: upload it; null: remove the current image.
  const [image, setImage] = useState<File | null | undefined>(undefined)
  const [preview, setPreview] = useState<string | null>(null)
  const [imageError, setImageError] = useState<string | undefined>()
  const [status, setStatus] = useState<Status>('idle')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const fileInput = useRef<HTMLInputElement>(null)
  const firstField = useRef<HTMLInputElement>(null)
  const form = useRef<HTMLFormElement>(null)
  const imageHintId = useId()
  const sizeMb = Math.round(imageMaxBytes / (1024 * 1024))

  useEffect(() => {
    if (!(image instanceof File)) return setPreview(null)
    const url = URL.createObjectURL(image)
    setPreview(url)
    return () => URL.revokeObjectURL(url)
  }, [image])

  // Once, on opening: the first field (or, without names, the first button) takes focus, since
  // the button that opened the form is gone.
  useEffect(() => {
    ;(firstField.current ?? form.current?.querySelector<HTMLElement>('button'))?.focus()
  }, [])

  const choose = (file: File | undefined) => {
    if (!file) return
    if (!imageTypes.includes(file.type)) return setImageError(t.imageWrongType)
    if (file.size > imageMaxBytes) return setImageError(format(t.imageTooLarge, { size: sizeMb }))
    setImageError(undefined)
    setImage(file)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (status === 'pending') return
    setStatus('pending')
    setErrors(noErrors)
    try {
      if (onSetImage && image !== undefined) {
        await onSetImage(image)
        // Saved: a retry after a failing name change must not upload it again.
        setImage(undefined)
      }
      const changes: { firstName?: string | null; lastName?: string | null } = {}
      if (firstName.trim() !== (user.firstName ?? '')) changes.firstName = firstName.trim() || null
      if (lastName.trim() !== (user.lastName ?? '')) changes.lastName = lastName.trim() || null
      if (onUpdate && Object.keys(changes).length > 0) await onUpdate(changes)
      setStatus('idle')
      onDone()
    } catch (error) {
      setErrors(routeErrors(error, ['firstName', 'lastName', 'file'], messages))
      setStatus('error')
    }
  }

  const shownImage = preview ?? (image === null || !user.hasImage ? null : user.imageUrl)
  const fileError = imageError ?? errors.fields.file
  const pending = status === 'pending'

  return (
    <form
      ref={form}
      data-slot="user-profile-form"
      data-state={status}
      className="uk-user-profile-form"
      aria-label={t.editTitle}
      aria-busy={pending || undefined}
      noValidate
      onSubmit={submit}
    >
      <Banner>{errors.banner}</Banner>
      {onSetImage && (
        <div
          data-slot="profile-image-field"
          data-state={fileError ? 'error' : image instanceof File ? 'preview' : 'idle'}
          className="uk-profile-image-field"
          role="group"
          aria-label={t.imageLabel}
        >
          <Avatar src={shownImage} name={displayName(user)} alt={t.imageLabel} size="lg" />
          <div data-slot="profile-image-actions">
            <input
              ref={fileInput}
              type="file"
              accept={imageTypes.join(',')}
              hidden
              aria-label={t.upload}
              onChange={(event) => {
                choose(event.currentTarget.files?.[0])
                // Choosing the same file again must fire `change` again.
                event.currentTarget.value = ''
              }}
            />
            <Button onClick={() => fileInput.current?.click()} disabled={pending} aria-describedby={imageHintId}>
              {t.upload}
            </Button>
            {(image instanceof File || (user.hasImage && image !== null)) && (
              <Button
                variant="ghost"
                disabled={pending}
                onClick={() => {
                  setImageError(undefined)
                  setImage(user.hasImage ? null : undefined)
                }}
              >
                {t.remove}
              </Button>
            )}
            <p id={imageHintId} data-slot="field-hint" className="uk-field-hint">
              {format(t.imageHint, { size: sizeMb })}
            </p>
            {fileError && (
              <p role="alert" data-slot="field-error" className="uk-field-error">
                {fileError}
              </p>
            )}
          </div>
        </div>
      )}
      {onUpdate && (
        <div data-slot="user-profile-fields" className="uk-user-profile-fields">
          <Field
            ref={firstField}
            label={t.firstName}
            name="firstName"
            autoComplete="given-name"
            value={firstName}
            onChange={(event) => setFirstName(event.currentTarget.value)}
            error={errors.fields.firstName}
            readOnly={pending}
          />
          <Field
            label={t.lastName}
            name="lastName"
            autoComplete="family-name"
            value={lastName}
            onChange={(event) => setLastName(event.currentTarget.value)}
            error={errors.fields.lastName}
            readOnly={pending}
          />
        </div>
      )}
      <div data-slot="user-profile-form-actions" className="uk-user-profile-form-actions">
        <Button variant="ghost" onClick={onDone} disabled={pending}>
          {messages.common.cancel}
        </Button>
        <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
          {pending ? messages.common.saving : messages.common.save}
        </Button>
      </div>
    </form>
  )
}
