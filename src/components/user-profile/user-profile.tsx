'use client'
import { cloneElement, type ReactElement, type ReactNode, useMemo } from 'react'
import { useMessages } from '../../hooks/use-messages.ts'
import { useUser } from '../../hooks/use-user.ts'
import { elements } from '../shared/children.ts'
import { type UserProfilePageId, useUserProfilePage, userProfilePages } from './pages.ts'
import { ConnectedAccountsSection, type ConnectedAccountsSectionProps } from './connected-accounts-section.tsx'
import { EmailAddressesSection } from './email-addresses-section.tsx'
import { PhoneNumbersSection } from './phone-numbers-section.tsx'
import { ProfileSection } from './profile-section.tsx'
import type { SectionMeta } from './section.tsx'
import { UsernameSection } from './username-section.tsx'
import { UserProfileView } from './user-profile.view.tsx'

/** Every section, in the default order. Later issues append theirs here. */
const defaultSections = [
  <ProfileSection key="profile" />,
  <UsernameSection key="username" />,
  <EmailAddressesSection key="email-addresses" />,
  <PhoneNumbersSection key="phone-numbers" />,
  <ConnectedAccountsSection key="connected-accounts" />,
]

export interface UserProfileProps {
  /**
   * Which sections to show, in order: `<UserProfile.Profile />`, `<UserProfile.Username />`…
   * Default: all of them.
   */
  children?: ReactNode
  /**
   * `'hash'`: pages live in the URL hash (`#/`, `#/security`), for a page of the app;
   * `'virtual'`: in component state, as in the UserButton's dialog. Default: `'hash'`.
   */
  routing?: 'hash' | 'virtual'
  /** Merged last onto the root element. */
  className?: string
  /**
   * Scopes the app needs per OAuth provider key (`{ github: ['repo'] }`): asked for when connecting,
   * and "Reconnect" is offered for accounts without them. Given to `<UserProfile.ConnectedAccounts />`
   * unless it has its own. Default: none.
   */
  additionalOAuthScopes?: ConnectedAccountsSectionProps['additionalOAuthScopes']
}

const pageOf = (el: ReactElement): UserProfilePageId => (el.type as Partial<SectionMeta>).page ?? 'account'

/**
 * The signed-in user's account: pages of sections. A page of its own (no catch-all route needed)
 * or the content of the UserButton's dialog. A same-size placeholder while loading; nothing when
 * signed out.
 */
export function UserProfile({ children, routing = 'hash', className, additionalOAuthScopes }: UserProfileProps) {
  const messages = useMessages()
  const { isLoaded, user } = useUser()
  const list = elements(children ?? defaultSections)
  const key = list.map(pageOf).join()
  const pages = useMemo(() => userProfilePages.filter((p) => key.split(',').includes(p)), [key])
  const [page, setPage] = useUserProfilePage(routing, pages)
  if (isLoaded && !user) return null
  return (
    <UserProfileView
      status={isLoaded ? 'ready' : 'loading'}
      messages={messages}
      pages={pages}
      page={page}
      routing={routing}
      onNavigate={setPage}
      className={className}
    >
      {list
        .filter((el) => pageOf(el) === page)
        .map((el) =>
          additionalOAuthScopes && el.type === ConnectedAccountsSection && !(el.props as ConnectedAccountsSectionProps).additionalOAuthScopes
            ? cloneElement(el as ReactElement<ConnectedAccountsSectionProps>, { additionalOAuthScopes })
            : el,
        )}
    </UserProfileView>
  )
}

UserProfile.Profile = ProfileSection
UserProfile.Username = UsernameSection
UserProfile.EmailAddresses = EmailAddressesSection
UserProfile.PhoneNumbers = PhoneNumbersSection
UserProfile.ConnectedAccounts = ConnectedAccountsSection
