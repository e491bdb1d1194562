'use client'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { UserkitApiError } from '../../api/errors.ts'
import type { Messages } from '../../localization/en.ts'
import { format } from '../../localization/format.ts'
import { SectionFrame } from '../user-profile/section.tsx'
import { Banner } from '../shared/banner.tsx'
import { Button } from '../shared/button.tsx'
import { routeErrors } from '../shared/errors.ts'
import { AddForm, type AddFormProps } from './add-form.tsx'
import { CodeForm } from './code-form.tsx'
import { IdentifierList } from './identifier-list.tsx'
import { LinkWait } from './link-wait.tsx'
import type { IdentifierFlow, IdentifierItem, IdentifierStrings, VerifyMethod } from './types.ts'
import { useReturnFocus } from '../shared/use-return-focus.ts'

export interface IdentifierSectionViewProps {
  /** `data-section` of the section. */
  sectionId: string
  strings: IdentifierStrings
  messages: Messages
  items: readonly IdentifierItem[]
  primaryId: string | null
  /** The add form's field name, as the server's `param_name` in camelCase. */
  param: AddFormProps['param']
  renderField: AddFormProps['renderField']
  /** The ways to verify, the default first. Default: `['code']`. */
  methods?: readonly VerifyMethod[] | undefined
  /** Adds the identifier and resolves to its id. Without it, there is no Add button. */
  onAdd?: ((value: string) => Promise<string>) | undefined
  /** Sends a code or a link. Without it, identifiers cannot be verified from here. */
  onPrepare?: ((id: string, method: VerifyMethod) => Promise<unknown>) | undefined
  /** Checks a code. */
  onAttempt?: ((id: string, code: string) => Promise<unknown>) | undefined
  onSetPrimary?: ((id: string) => Promise<unknown>) | undefined
  onRemove?: ((id: string) => Promise<unknown>) | undefined
  /** Called while a link is out for `id`; the returned function is called when the step closes. */
  onAwaitLink?: ((id: string) => (() => void) | undefined) | undefined
  /** The step to start at (stories, tests). Default: the list. */
  defaultFlow?: IdentifierFlow | undefined
  /** Open the remove confirmation for this id at first (stories, tests). */
  defaultRemoveId?: string | undefined
  className?: string | undefined
}

const retryAfterOf = (error: unknown) => (error instanceof UserkitApiError && error.status === 429 ? (error.retryAfter ?? 30) : 0)

/** A section of identifiers (emails or phones): the list, adding, verifying by code or link, the menus. */
export function IdentifierSectionView(props: IdentifierSectionViewProps) {
  const { sectionId, strings, messages, items, primaryId, param, renderField, methods = ['code'] } = props
  const { onAdd, onPrepare, onAttempt, onSetPrimary, onRemove, onAwaitLink, defaultFlow, defaultRemoveId, className } = props
  const [flow, setFlow] = useState<IdentifierFlow>(defaultFlow ?? { step: 'list' })
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [round, setRound] = useState(0)
  const addButton = useRef<HTMLButtonElement>(null)
  const current = flow.step === 'code' || flow.step === 'link' ? items.find((i) => i.id === flow.id) : undefined
  const canVerify = Boolean(onPrepare) && methods.length > 0

  useReturnFocus(flow.step !== 'list', addButton)

  // Verified elsewhere (the link opened, another tab), or removed meanwhile: the step is over.
  useEffect(() => {
    if (flow.step !== 'code' && flow.step !== 'link') return
    if (!current) setFlow({ step: 'list' })
    else if (current.verified) {
      setNotice(format(strings.verified, { identifier: current.label }))
      setFlow({ step: 'list' })
    }
  }, [flow, current, strings.verified])

  const back = () => setFlow({ step: 'list' })

  const startVerify = async (id: string, method: VerifyMethod) => {
    setNotice(null)
    setError(null)
    try {
      await onPrepare?.(id, method)
      setFlow({ step: method, id })
    } catch (e) {
      setFlow({ step: method, id, retryAfter: retryAfterOf(e), error: routeErrors(e, [], messages).banner ?? undefined })
    }
    setRound((n) => n + 1)
  }

  const add = async (value: string) => {
    const id = await onAdd?.(value)
    if (id && canVerify) await startVerify(id, methods[0] as VerifyMethod)
    else back()
  }

  const run = async (action: () => Promise<unknown>, success: string) => {
    setNotice(null)
    setError(null)
    try {
      await action()
      setNotice(success)
    } catch (e) {
      setError(routeErrors(e, [], messages).banner)
    }
  }

  const other = (method: VerifyMethod) => methods.find((m) => m !== method)
  const switcher = (id: string, method: VerifyMethod) => {
    const next = other(method)
    if (!next) return null
    return (
      <Button variant="ghost" onClick={() => startVerify(id, next)}>
        {next === 'link' ? strings.useLink : strings.useCode}
      </Button>
    )
  }

  let body: ReactNode
  if (flow.step === 'add' && onAdd) {
    body = <AddForm messages={messages} strings={strings} param={param} onSubmit={add} onCancel={back} renderField={renderField} />
  } else if (flow.step === 'code' && current) {
    body = (
      <CodeForm
        key={`${flow.id}-${round}`}
        messages={messages}
        title={strings.verifyTitle}
        description={format(strings.codeSent, { identifier: current.label })}
        onSubmit={async (code) => {
          await onAttempt?.(flow.id, code)
          setNotice(format(strings.verified, { identifier: current.label }))
          back()
        }}
        onResend={onPrepare && (() => onPrepare(flow.id, 'code'))}
        onCancel={back}
        retryAfter={flow.retryAfter}
        initialError={flow.error}
      >
        {switcher(flow.id, 'code')}
      </CodeForm>
    )
  } else if (flow.step === 'link' && current) {
    body = (
      <LinkWait
        key={`${flow.id}-${round}`}
        messages={messages}
        strings={strings}
        label={current.label}
        onResend={onPrepare && (() => onPrepare(flow.id, 'link'))}
        onCancel={back}
        onAwait={onAwaitLink && (() => onAwaitLink(flow.id))}
        retryAfter={flow.retryAfter}
        initialError={flow.error}
      >
        {switcher(flow.id, 'link')}
      </LinkWait>
    )
  } else {
    body = (
      <>
        <Banner>{error}</Banner>
        {items.length === 0 ? (
          <p data-slot="user-profile-value" data-empty="">
            {strings.empty}
          </p>
        ) : (
          <IdentifierList
            items={items}
            primaryId={primaryId}
            strings={strings}
            messages={messages}
            onSetPrimary={onSetPrimary && ((id) => void run(() => onSetPrimary(id), format(strings.primarySet, { identifier: items.find((i) => i.id === id)?.label ?? '' })))}
            onVerify={canVerify ? (id) => void startVerify(id, methods[0] as VerifyMethod) : undefined}
            onRemove={onRemove && (async (id) => {
              setNotice(null)
              setError(null)
              await onRemove(id)
            })}
            onRemoved={(label) => setNotice(format(strings.removed, { identifier: label }))}
            defaultRemoveId={defaultRemoveId}
          />
        )}
        {onAdd && (
          <Button ref={addButton} variant="ghost" data-action="add" onClick={() => setFlow({ step: 'add' })}>
            {strings.add}
          </Button>
        )}
      </>
    )
  }

  return (
    <SectionFrame id={sectionId} title={strings.title} state={flow.step === 'list' ? 'view' : flow.step} className={className}>
      {body}
      <p role="status" data-slot="identifier-notice" className="uk-identifier-notice">
        {flow.step === 'list' ? notice : null}
      </p>
    </SectionFrame>
  )
}
