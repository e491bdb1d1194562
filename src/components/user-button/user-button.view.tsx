'use client'
import { type ReactNode, Suspense, useRef, useState } from 'react'
import type { User } from '../../api/types.ts'
import type { Messages } from '../../localization/en.ts'
import { Avatar } from '../avatar/avatar.tsx'
import { cx } from '../shared/cx.ts'
import { CloseIcon, ManageIcon, RetryIcon, SignOutIcon } from '../shared/icons.tsx'
import { usePortalScope } from '../shared/theme.ts'
import { displayName, primaryIdentifier } from '../shared/user.ts'
import {
  DialogClose,
  DialogContent,
  DialogOverlay,
  DialogPortal,
  DialogRoot,
  DialogTitle,
  MenuContent,
  MenuGroup,
  MenuItem,
  MenuPortal,
  MenuRoot,
  MenuSeparator,
  MenuTrigger,
} from './user-button.parts.tsx'
import {
  type MenuEntry,
  UserButtonAction,
  UserButtonLink,
  UserButtonMenuItems,
  menuEntries,
} from './user-button.items.tsx'

export interface UserButtonViewProps {
  /** The signed-in user; `null` (signed out) renders nothing. */
  user: User | null
  /**
   * `'loading'` renders a placeholder of the button's size; `'error'` (the session could not be
   * loaded) renders a same-size button that calls `onRetry`.
   */
  status: 'loading' | 'ready' | 'error'
  /** Asks the server again after a failed load; without it the error state shows the placeholder. */
  onRetry?: () => void
  /** The catalog (`en` or the provider's merged one). */
  messages: Messages
  /** Show the name (or identifier) next to the avatar. Default: `false`. */
  showName?: boolean
  /** Called when Manage account is chosen. Without it and without `userProfile`, the entry is hidden. */
  onManageAccount?: () => void
  /**
   * The profile to show in a dialog when Manage account is chosen (it may suspend: a small loading
   * state shows meanwhile). Default: none, so no dialog.
   */
  userProfile?: ReactNode
  /** Called when Sign out is chosen. Without it, the entry is hidden. */
  onSignOut?: () => void
  /** Custom entries: `<UserButton.MenuItems>` with `.Action` and `.Link`. */
  children?: ReactNode
  /** Open the menu on first render (uncontrolled). Default: `false`. */
  defaultOpen?: boolean
  /** The menu's open state (controlled); passed to Radix as is. */
  open?: boolean
  /** Called when the menu opens or closes; passed to Radix as is. */
  onOpenChange?: (open: boolean) => void
  /** Merged last onto the root element. */
  className?: string
}

/** The avatar button and its menu, from plain data and callbacks. */
export function UserButtonView(props: UserButtonViewProps) {
  const { user, status, messages, showName = false, className, onRetry } = props
  if (status === 'error' && onRetry) {
    return (
      <span data-slot="user-button" data-state="error" className={cx('uk-root uk-user-button', className)}>
        <button
          type="button"
          data-slot="user-button-retry"
          className="uk-user-button-retry"
          aria-label={messages.userButton.loadFailed}
          title={messages.userButton.loadFailed}
          onClick={onRetry}
        >
          <RetryIcon />
        </button>
      </span>
    )
  }
  if (status !== 'ready') {
    return (
      <span data-slot="user-button" data-state="loading" data-show-name={showName || undefined} className={cx('uk-root uk-user-button', className)}>
        <span data-slot="user-button-placeholder" className="uk-user-button-placeholder" aria-hidden="true" />
      </span>
    )
  }
  if (!user) return null
  return <Ready {...props} user={user} />
}

function Ready({
  user,
  messages,
  showName = false,
  onManageAccount,
  userProfile,
  onSignOut,
  children,
  defaultOpen,
  open,
  onOpenChange,
  className,
}: UserButtonViewProps & { user: User }) {
  const t = messages.userButton
  const triggerRef = useRef<HTMLButtonElement>(null)
  const { container, dir } = usePortalScope(triggerRef)
  const [dialogOpen, setDialogOpen] = useState(false)
  // Set when an entry opens the dialog, so the closing menu leaves focus to the dialog.
  const openingDialog = useRef(false)
  const name = displayName(user)
  const identifier = primaryIdentifier(user)
  const hasProfile = userProfile !== undefined

  const render = (entry: MenuEntry, i: number) => {
    switch (entry.kind) {
      case 'manageAccount':
        if (!hasProfile && !onManageAccount) return null
        return (
          <MenuItem
            key="manageAccount"
            data-entry="manageAccount"
            onSelect={() => {
              onManageAccount?.()
              if (hasProfile) {
                openingDialog.current = true
                setDialogOpen(true)
              }
            }}
          >
            <ManageIcon />
            {t.manageAccount}
          </MenuItem>
        )
      case 'signOut':
        if (!onSignOut) return null
        return (
          <MenuItem key="signOut" data-entry="signOut" onSelect={() => onSignOut()}>
            <SignOutIcon />
            {t.signOut}
          </MenuItem>
        )
      case 'action':
        return (
          <MenuItem key={`a${i}`} data-entry="action" onSelect={() => entry.onClick?.()}>
            {entry.labelIcon}
            {entry.label}
          </MenuItem>
        )
      case 'link':
        return (
          <MenuItem key={`l${i}`} data-entry="link" asChild>
            <a href={entry.href}>
              {entry.labelIcon}
              {entry.label}
            </a>
          </MenuItem>
        )
    }
  }

  return (
    <span data-slot="user-button" data-state="ready" className={cx('uk-root uk-user-button', className)}>
      <MenuRoot defaultOpen={defaultOpen} open={open} onOpenChange={onOpenChange} modal={false} dir={dir}>
        <MenuTrigger ref={triggerRef} aria-label={showName ? undefined : t.openMenu}>
          <Avatar src={user.hasImage ? user.imageUrl : null} name={name} />
          {showName && (
            <>
              <span data-slot="user-button-name" className="uk-user-button-name">
                {name}
              </span>
              <span className="uk-sr-only">{t.openMenu}</span>
            </>
          )}
        </MenuTrigger>
        <MenuPortal container={container}>
          <MenuContent
            className="uk-root"
            align="end"
            sideOffset={8}
            collisionPadding={8}
            aria-label={t.menuLabel}
            aria-labelledby={undefined}
            onCloseAutoFocus={(event) => {
              if (openingDialog.current) event.preventDefault()
            }}
          >
            <MenuGroup data-slot="user-button-preview" className="uk-user-button-preview">
              <Avatar src={user.hasImage ? user.imageUrl : null} name={name} size="lg" />
              <span data-slot="user-button-identity" className="uk-user-button-identity">
                <span data-slot="user-button-fullname">{name}</span>
                {identifier && identifier !== name && <span data-slot="user-button-identifier">{identifier}</span>}
              </span>
            </MenuGroup>
            <MenuSeparator />
            <MenuGroup>{menuEntries(children).map(render)}</MenuGroup>
          </MenuContent>
        </MenuPortal>
      </MenuRoot>
      {hasProfile && (
        <DialogRoot open={dialogOpen} onOpenChange={setDialogOpen}>
          <DialogPortal container={container}>
            <DialogOverlay className="uk-root" />
            <DialogContent
              className="uk-root"
              dir={dir}
              aria-describedby={undefined}
              onOpenAutoFocus={() => {
                openingDialog.current = false
              }}
              onCloseAutoFocus={(event) => {
                // The menu entry that opened the dialog is gone: focus goes back to the trigger.
                event.preventDefault()
                triggerRef.current?.focus()
              }}
            >
              <DialogTitle className="uk-sr-only">{t.manageAccount}</DialogTitle>
              <DialogClose aria-label={messages.common.close}>
                <CloseIcon />
              </DialogClose>
              <Suspense
                fallback={
                  <p role="status" data-slot="user-button-dialog-loading" className="uk-loading">
                    {messages.common.loading}
                  </p>
                }
              >
                {userProfile}
              </Suspense>
            </DialogContent>
          </DialogPortal>
        </DialogRoot>
      )}
    </span>
  )
}

UserButtonView.MenuItems = UserButtonMenuItems
UserButtonView.Action = UserButtonAction
UserButtonView.Link = UserButtonLink
