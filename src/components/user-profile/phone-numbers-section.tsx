'use client'
import { useAddPhoneNumber } from '../../hooks/use-add-phone-number.ts'
import { useAttemptPhoneVerification } from '../../hooks/use-attempt-phone-verification.ts'
import { useEnvironment } from '../../hooks/use-environment.ts'
import { useMessages } from '../../hooks/use-messages.ts'
import { usePreparePhoneVerification } from '../../hooks/use-prepare-phone-verification.ts'
import { useRemovePhoneNumber } from '../../hooks/use-remove-phone-number.ts'
import { useSetPrimaryPhoneNumber } from '../../hooks/use-set-primary-phone-number.ts'
import { useUser } from '../../hooks/use-user.ts'
import { PhoneNumbersSectionView } from './phone-numbers-section.view.tsx'
import type { UserProfileSectionProps } from './profile-section.tsx'
import { defineSection } from './section.tsx'

/** The signed-in user's phone numbers: add, verify by SMS code, set primary, remove. Hidden when phones are off. */
export const PhoneNumbersSection = defineSection(
  function PhoneNumbersSection({ className }: UserProfileSectionProps) {
    const messages = useMessages()
    const { user } = useUser()
    const { environment } = useEnvironment()
    const add = useAddPhoneNumber()
    const prepare = usePreparePhoneVerification()
    const attempt = useAttemptPhoneVerification()
    const setPrimary = useSetPrimaryPhoneNumber()
    const remove = useRemovePhoneNumber()
    // Until the environment is known, say nothing rather than flash a section that may be off.
    if (!user || !environment?.attributes.phoneNumber.enabled) return null
    return (
      <PhoneNumbersSectionView
        user={user}
        messages={messages}
        className={className}
        defaultCountry={environment.defaultPhoneCountry}
        onAdd={async (phoneNumber) => (await add.mutateAsync(phoneNumber)).response.id}
        onPrepare={(id) => prepare.mutateAsync(id)}
        onAttempt={(id, code) => attempt.mutateAsync({ id, code })}
        onSetPrimary={(id) => setPrimary.mutateAsync(id)}
        onRemove={(id) => remove.mutateAsync(id)}
      />
    )
  },
  { page: 'account', sectionId: 'phone-numbers' },
)
