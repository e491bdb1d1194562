'use client'
import { lazy } from 'react'
import { useSignOut } from '../../hooks/use-sign-out.ts'
import { useUser } from '../../hooks/use-user.ts'
import { useMessages } from '../../hooks/use-messages.ts'
import { useUserkit } from '../../hooks/use-userkit.ts'
import { useUserkitStatus } from '../../hooks/use-userkit-status.ts'
import { UserButtonAction, UserButtonLink, UserButtonMenuItems } from './user-button.items.tsx'
import { UserButtonView, type UserButtonViewProps } from './user-button.view.tsx'

// Loaded when Manage account is first chosen, so a page with only the button never pays for it.
const LazyUserProfile = lazy(() => import('../user-profile/user-profile.tsx').then((m) => ({ default: m.UserProfile })))

interface UserButtonBaseProps
  extends Pick<UserButtonViewProps, 'showName' | 'defaultOpen' | 'open' | 'onOpenChange' | 'className' | 'children'> {
  /** Where to go after Sign out. Default: the provider's `afterSignOutUrl` (none: stay on the page). */
  afterSignOutUrl?: string
}

export type UserButtonProps = UserButtonBaseProps &
  (
    | {
        /** `'modal'` opens <UserProfile /> in a dialog; `'navigation'` goes to `userProfileUrl`. Default: `'modal'`. */
        userProfileMode?: 'modal'
        userProfileUrl?: never
      }
    | {
        userProfileMode: 'navigation'
        /** The app's page that renders <UserProfile />; required with `userProfileMode: 'navigation'`. */
        userProfileUrl: string
      }
  )

/**
 * The signed-in user's avatar button with its menu: Manage account, Sign out and custom entries
 * (`<UserButton.MenuItems>`). A same-size placeholder while loading (and on the server); nothing when
 * signed out.
 */
export function UserButton({ afterSignOutUrl, userProfileMode = 'modal', userProfileUrl, ...rest }: UserButtonProps) {
  const messages = useMessages()
  const { navigate } = useUserkit('UserButton')
  const { isLoaded, user } = useUser()
  const session = useUserkitStatus()
  const signOut = useSignOut()
  return (
    <UserButtonView
      {...rest}
      messages={messages}
      status={isLoaded ? 'ready' : session.status === 'error' ? 'error' : 'loading'}
      onRetry={session.retry}
      user={user ?? null}
      userProfile={userProfileMode === 'modal' ? <LazyUserProfile routing="virtual" /> : undefined}
      onManageAccount={userProfileMode === 'navigation' && userProfileUrl ? () => navigate(userProfileUrl) : undefined}
      onSignOut={() => signOut.mutate(afterSignOutUrl ? { redirectUrl: afterSignOutUrl } : undefined)}
    />
  )
}

UserButton.MenuItems = UserButtonMenuItems
UserButton.Action = UserButtonAction
UserButton.Link = UserButtonLink
