'use client'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { UserkitApiError } from '../../api/errors.ts'
import type { Messages } from '../../localization/en.ts'
import { format } from '../../localization/format.ts'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { routeErrors } from '../shared/errors.ts'
import { useCountdown } from './countdown.ts'
import { type IdentifierStrings, RESEND_COOLDOWN } from './types.ts'

export interface LinkWaitProps {
  messages: Messages
  strings: IdentifierStrings
  /** The address the link went to. */
  label: string
  /** Sends a new link. */
  onResend?: (() => Promise<unknown>) | undefined
  onCancel: () => void
  /** Called while this step is shown (the shell polls the server); the returned function stops it. */
  onAwait?: (() => (() => void) | undefined) | undefined
  /** Seconds before Resend is available. Default: 30. */
  retryAfter?: number | undefined
  initialError?: string | undefined
  /** Extra actions (e.g. "Send a code instead"). */
  children?: ReactNode
}

/** "Check your inbox": waits for the link to be opened; the list updates on its own once it is. */
export function LinkWait({ messages, strings, label, onResend, onCancel, onAwait, retryAfter = RESEND_COOLDOWN, initialError, children }: LinkWaitProps) {
  const [error, setError] = useState<string | null>(initialError ?? null)
  const [left, restart] = useCountdown(retryAfter)
  const heading = useRef<HTMLParagraphElement>(null)
  const awaitRef = useRef(onAwait)
  awaitRef.current = onAwait
  useEffect(() => awaitRef.current?.(), [])
  useEffect(() => heading.current?.focus(), [])

  const resend = async () => {
    if (!onResend || left > 0) return
    setError(null)
    try {
      await onResend()
      restart(RESEND_COOLDOWN)
    } catch (e) {
      setError(routeErrors(e, [], messages).banner)
      if (e instanceof UserkitApiError && e.status === 429) restart(e.retryAfter ?? RESEND_COOLDOWN)
    }
  }

  return (
    <div data-slot="link-wait" className="uk-link-wait" role="group" aria-label={strings.verifyTitle}>
      <p ref={heading} tabIndex={-1} data-slot="link-wait-description">
        {format(strings.linkSent ?? '', { identifier: label })}
      </p>
      <p role="status" data-slot="link-wait-status" className="uk-identifier-notice">
        {strings.linkWaiting}
      </p>
      <Banner>{error}</Banner>
      <div data-slot="user-profile-form-actions" className="uk-user-profile-form-actions">
        {onResend && (
          <Button variant="ghost" aria-disabled={left > 0 || undefined} data-action="resend" onClick={resend}>
            {left > 0 ? format(strings.resendLinkIn ?? '', { seconds: left }) : strings.resendLink}
          </Button>
        )}
        {children}
        <Button variant="ghost" onClick={onCancel}>
          {messages.common.cancel}
        </Button>
      </div>
    </div>
  )
}
