'use client'
import { useEnvironment } from '../../hooks/use-environment.ts'
import { useMessages } from '../../hooks/use-messages.ts'
import { useSetProfileImage } from '../../hooks/use-set-profile-image.ts'
import { useUpdateUser } from '../../hooks/use-update-user.ts'
import { useUser } from '../../hooks/use-user.ts'
import { ProfileSectionView } from './profile-section.view.tsx'
import { defineSection } from './section.tsx'

export interface UserProfileSectionProps {
  /** Merged last onto the section element. */
  className?: string
}

/** The signed-in user's avatar and names, editable. Renders nothing until signed in. */
export const ProfileSection = defineSection(
  function ProfileSection({ className }: UserProfileSectionProps) {
    const messages = useMessages()
    const { user } = useUser()
    const { environment } = useEnvironment()
    const update = useUpdateUser()
    const setImage = useSetProfileImage()
    if (!user) return null
    const attrs = environment?.attributes
    const namesEnabled = !attrs || attrs.firstName.enabled || attrs.lastName.enabled
    return (
      <ProfileSectionView
        user={user}
        messages={messages}
        className={className}
        imageTypes={environment?.profileImage.contentTypes}
        imageMaxBytes={environment?.profileImage.maxBytes}
        onUpdate={namesEnabled ? (changes) => update.mutateAsync(changes) : undefined}
        onSetImage={(file) => setImage.mutateAsync(file)}
      />
    )
  },
  { page: 'account', sectionId: 'profile' },
)
