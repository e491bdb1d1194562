'use client'
import { useCallback, useState } from 'react'
import type { EmailVerificationStrategy } from '../../api/identifications.ts'
import { useAddEmailAddress } from '../../hooks/use-add-email-address.ts'
import { useAttemptEmailVerification } from '../../hooks/use-attempt-email-verification.ts'
import { useEmailLinkVerification } from '../../hooks/use-email-link-verification.ts'
import { useEnvironment } from '../../hooks/use-environment.ts'
import { useMessages } from '../../hooks/use-messages.ts'
import { usePrepareEmailVerification } from '../../hooks/use-prepare-email-verification.ts'
import { useRemoveEmailAddress } from '../../hooks/use-remove-email-address.ts'
import { useSetPrimaryEmailAddress } from '../../hooks/use-set-primary-email-address.ts'
import { useUser } from '../../hooks/use-user.ts'
import { EmailAddressesSectionView } from './email-addresses-section.view.tsx'
import type { UserProfileSectionProps } from './profile-section.tsx'
import { defineSection } from './section.tsx'

const STRATEGIES: readonly EmailVerificationStrategy[] = ['email_code', 'email_link']

/** Where a verification link sends the browser: back to this page (same origin, so allowlisted). */
const currentPage = () => (typeof window === 'undefined' ? undefined : window.location.href)

/** The signed-in user's email addresses: add, verify by code or link, set primary, remove. */
export const EmailAddressesSection = defineSection(
  function EmailAddressesSection({ className }: UserProfileSectionProps) {
    const messages = useMessages()
    const { user } = useUser()
    const { environment } = useEnvironment()
    const add = useAddEmailAddress()
    const prepare = usePrepareEmailVerification()
    const attempt = useAttemptEmailVerification()
    const setPrimary = useSetPrimaryEmailAddress()
    const remove = useRemoveEmailAddress()
    const [waiting, setWaiting] = useState<string | null>(null)
    useEmailLinkVerification(waiting, { enabled: waiting !== null })
    const awaitLink = useCallback((id: string) => {
      setWaiting(id)
      return () => setWaiting((current) => (current === id ? null : current))
    }, [])
    const settings = environment?.attributes.emailAddress
    if (!user || settings?.enabled === false) return null
    const strategies = STRATEGIES.filter((s) => !settings || settings.verifications.includes(s))
    return (
      <EmailAddressesSectionView
        user={user}
        messages={messages}
        className={className}
        strategies={strategies}
        onAdd={async (emailAddress) => (await add.mutateAsync(emailAddress)).response.id}
        // A server that cannot send email offers no strategy: addresses are then added unverified.
        onPrepare={
          strategies.length === 0
            ? undefined
            : (id, strategy) =>
                prepare.mutateAsync(strategy === 'email_link' ? { id, strategy, redirectUrl: currentPage() } : { id, strategy })
        }
        onAttempt={(id, code) => attempt.mutateAsync({ id, code })}
        onSetPrimary={(id) => setPrimary.mutateAsync(id)}
        onRemove={(id) => remove.mutateAsync(id)}
        onAwaitLink={awaitLink}
      />
    )
  },
  { page: 'account', sectionId: 'email-addresses' },
)
