'use client'
import { useEnvironment } from '../../hooks/use-environment.ts'
import { useMessages } from '../../hooks/use-messages.ts'
import { useUpdateUser } from '../../hooks/use-update-user.ts'
import { useUser } from '../../hooks/use-user.ts'
import type { UserProfileSectionProps } from './profile-section.tsx'
import { defineSection } from './section.tsx'
import { UsernameSectionView } from './username-section.view.tsx'

/** The signed-in user's username, editable. Hidden when the server does not use usernames. */
export const UsernameSection = defineSection(
  function UsernameSection({ className }: UserProfileSectionProps) {
    const messages = useMessages()
    const { user } = useUser()
    const { environment } = useEnvironment()
    const update = useUpdateUser()
    if (!user || environment?.attributes.username.enabled === false) return null
    return (
      <UsernameSectionView
        user={user}
        messages={messages}
        className={className}
        minLength={environment?.usernameSettings.minLength}
        maxLength={environment?.usernameSettings.maxLength}
        onUpdate={(changes) => update.mutateAsync(changes)}
      />
    )
  },
  { page: 'account', sectionId: 'username' },
)
