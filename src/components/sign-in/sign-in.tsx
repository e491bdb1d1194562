'use client'
import { useMessages } from '../../hooks/use-messages.ts'
import { useSignIn } from '../../hooks/use-sign-in.ts'
import { useUser } from '../../hooks/use-user.ts'
import { useUserkit } from '../../hooks/use-userkit.ts'
import { SignInView } from './sign-in.view.tsx'

export interface SignInProps {
  /** Where to go once signed in. Default: stay on the page (components re-render signed in). */
  afterSignInUrl?: string
  /** Merged last onto the root element. */
  className?: string
}

/** Sign in with an email address or username and a password. A same-size placeholder while loading. */
export function SignIn({ afterSignInUrl, className }: SignInProps) {
  const messages = useMessages()
  const { navigate } = useUserkit('SignIn')
  const { isLoaded } = useUser()
  const signIn = useSignIn()
  return (
    <SignInView
      status={isLoaded ? 'ready' : 'loading'}
      messages={messages}
      className={className}
      onSignIn={async (params) => {
        await signIn.mutateAsync(params)
        if (afterSignInUrl) navigate(afterSignInUrl)
      }}
    />
  )
}
