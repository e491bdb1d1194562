'use client'
import { useRef, useState } from 'react'
import { Banner } from '../../../src/components/shared/banner.tsx'
import { Button } from '../../../src/components/shared/button.tsx'
import { format } from '../../../src/localization/format.ts'
import type { SigningKeysJSON } from '../../../src/wire/index.ts'
import type { DashboardMessages } from '../messages.ts'
import { DialogClose, DialogContent, DialogDescription, DialogOverlay, DialogPortal, DialogRoot, DialogTitle, usePortalContainer } from '../parts.tsx'

export interface KeysPageViewProps {
  messages: DashboardMessages
  state: 'loading' | 'error' | 'ready'
  keys?: SigningKeysJSON | undefined
  /** Why loading or the last rotation failed. */
  error?: string | null
  /** Rotates the signing key; hidden when absent. */
  onRotate?: () => void
  rotation?: 'idle' | 'pending' | 'done'
  /** Formats a Unix-ms time for people. */
  formatDate: (ms: number) => string
}

/** What the app's backend needs to verify session tokens, and the rotation of the signing key. */
export function KeysPageView(props: KeysPageViewProps) {
  const { messages, state, keys, error = null, onRotate, rotation = 'idle', formatDate } = props
  const t = messages.keys
  const container = usePortalContainer()
  const [confirming, setConfirming] = useState(false)
  const rotateButton = useRef<HTMLButtonElement>(null)
  return (
    <section className="dk-page" aria-labelledby="dk-keys-title">
      <h1 id="dk-keys-title" data-slot="dashboard-page-title" tabIndex={-1}>
        {t.title}
      </h1>
      <p className="dk-muted">{t.description}</p>
      <Banner>{error}</Banner>
      {state === 'loading' && <p className="dk-muted">{messages.loading}</p>}
      {state === 'error' && !error && <Banner>{t.loadError}</Banner>}
      {keys && (
        <>
          <dl className="dk-fields">
            <dt>{t.publishableKey}</dt>
            <dd>
              <code data-slot="dashboard-publishable-key">{keys.publishable_key}</code>
            </dd>
            <dt>{t.apiUrl}</dt>
            <dd>
              <code>{keys.api_url}</code>
            </dd>
            <dt>{t.jwks}</dt>
            <dd>
              <code>{`${keys.api_url}/.well-known/jwks.json`}</code>
            </dd>
          </dl>
          <h2 id="dk-keys-pem">{format(t.pem, { kid: keys.current.kid })}</h2>
          <pre className="dk-pem" role="region" aria-labelledby="dk-keys-pem" tabIndex={0}>
            {keys.current.public_key_pem}
          </pre>
          <h2>{t.listed}</h2>
          <ul className="dk-list">
            {keys.keys.map((key) => (
              <li key={key.kid}>
                <code>{key.kid}</code> · {format(t.created, { date: formatDate(key.created_at) })} ·{' '}
                {key.retire_at === null ? t.signing : format(t.retiring, { date: formatDate(key.retire_at) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {onRotate && keys && (
        <div className="dk-danger">
          <p className="dk-muted">{rotation === 'done' ? t.rotated : t.rotateHint}</p>
          <Button ref={rotateButton} variant="danger" onClick={() => setConfirming(true)}>
            {t.rotate}
          </Button>
        </div>
      )}
      <DialogRoot open={confirming} onOpenChange={setConfirming}>
        <DialogPortal container={container}>
          <DialogOverlay />
          <DialogContent
            className="uk-root"
            role="alertdialog"
            onCloseAutoFocus={(event) => {
              // The dialog has no trigger element: focus goes back to the button that opened it.
              event.preventDefault()
              rotateButton.current?.focus()
            }}
          >
            <DialogTitle>{t.rotateTitle}</DialogTitle>
            <DialogDescription>{t.rotateDescription}</DialogDescription>
            <div className="dk-form-actions">
              <DialogClose asChild>
                <Button>{t.cancel}</Button>
              </DialogClose>
              <Button
                variant="danger"
                aria-disabled={rotation === 'pending' || undefined}
                onClick={() => {
                  if (rotation === 'pending') return
                  onRotate?.()
                  setConfirming(false)
                }}
              >
                {rotation === 'pending' ? t.rotating : t.rotateConfirm}
              </Button>
            </div>
          </DialogContent>
        </DialogPortal>
      </DialogRoot>
    </section>
  )
}
