/** `userkit`: hooks, components and the API types. Importing it touches no window or document. */
export * from './hooks/index.ts'
export * from './api/index.ts'
export { en, format, fr, mergeMessages, type Localization, type Messages } from './localization/index.ts'

// Components: the components engineer appends one `export … from` line per component below.
export { Avatar, type AvatarProps } from './components/avatar/avatar.tsx'
export { SignIn, type SignInProps } from './components/sign-in/sign-in.tsx'
export { SignInView, type SignInViewProps } from './components/sign-in/sign-in.view.tsx'
export {
  UserButtonAction,
  type UserButtonActionProps,
  UserButtonLink,
  type UserButtonLinkProps,
  UserButtonMenuItems,
} from './components/user-button/user-button.items.tsx'
export { UserButton, type UserButtonProps } from './components/user-button/user-button.tsx'
export { UserButtonView, type UserButtonViewProps } from './components/user-button/user-button.view.tsx'
export { type UserProfilePageId, userProfilePages } from './components/user-profile/pages.ts'
export { ProfileSection, type UserProfileSectionProps } from './components/user-profile/profile-section.tsx'
export { ProfileSectionView, type ProfileSectionViewProps } from './components/user-profile/profile-section.view.tsx'
export { type SectionMeta, SectionFrame, type SectionFrameProps, defineSection } from './components/user-profile/section.tsx'
export { UsernameSection } from './components/user-profile/username-section.tsx'
export { UsernameSectionView, type UsernameSectionViewProps } from './components/user-profile/username-section.view.tsx'
export { EmailAddressesSection } from './components/user-profile/email-addresses-section.tsx'
export {
  EmailAddressesSectionView,
  type EmailAddressesSectionViewProps,
} from './components/user-profile/email-addresses-section.view.tsx'
export { PhoneNumbersSection } from './components/user-profile/phone-numbers-section.tsx'
export { PhoneNumbersSectionView, type PhoneNumbersSectionViewProps } from './components/user-profile/phone-numbers-section.view.tsx'
export { ConnectedAccountsSection, type ConnectedAccountsSectionProps } from './components/user-profile/connected-accounts-section.tsx'
export {
  type AdditionalOAuthScopes,
  ConnectedAccountsSectionView,
  type ConnectedAccountsSectionViewProps,
} from './components/user-profile/connected-accounts-section.view.tsx'
export type { IdentifierFlow } from './components/identifiers/types.ts'
export { UserProfile, type UserProfileProps } from './components/user-profile/user-profile.tsx'
export { UserProfileView, type UserProfileViewProps } from './components/user-profile/user-profile.view.tsx'
