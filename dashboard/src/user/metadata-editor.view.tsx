'use client'
import { useEffect, useId, useState } from 'react'
import { Button } from '../../../src/components/shared/button.tsx'
import { format } from '../../../src/localization/format.ts'
import { parseMetadata, showJson } from '../json.ts'
import type { DashboardMessages } from '../messages.ts'
import type { JsonObject } from '../types.ts'

export interface MetadataEditorViewProps {
  messages: DashboardMessages
  /** The field's label, e.g. "Public metadata". */
  label: string
  /** Who can see it. */
  hint: string
  /** The save button's text, naming what it saves (several editors share a page). */
  saveLabel: string
  /** The stored metadata; the editor starts from it and starts again when it changes. */
  value: JsonObject
  /** Called with the parsed object; never called with invalid JSON or a non-object. */
  onSave: (value: JsonObject) => void
  /** The save request's state. */
  state: 'idle' | 'pending' | 'saved' | 'error'
  /** The server's error in the `'error'` state. */
  error?: string | null
}

/** A JSON editor for one metadata object: refuses invalid JSON before anything is sent. */
export function MetadataEditorView({ messages, label, hint, saveLabel, value, onSave, state, error = null }: MetadataEditorViewProps) {
  const t = messages.user
  const stored = showJson(value)
  const [text, setText] = useState(stored)
  const [invalid, setInvalid] = useState<string | null>(null)
  // A save (or another operator's change, after a refetch) replaces the text with what is stored.
  useEffect(() => {
    setText(stored)
    setInvalid(null)
  }, [stored])
  const id = useId()
  const message = invalid ?? (state === 'error' ? error : null)
  return (
    <form
      data-slot="dashboard-metadata"
      data-state={invalid ? 'invalid' : state}
      className="dk-metadata"
      onSubmit={(event) => {
        event.preventDefault()
        if (state === 'pending') return
        const parsed = parseMetadata(text)
        if (!parsed.ok) {
          setInvalid(parsed.reason === 'syntax' ? format(t.invalidJson, { reason: parsed.message }) : t.notAnObject)
          return
        }
        setInvalid(null)
        onSave(parsed.value)
      }}
    >
      <label htmlFor={id} data-slot="field-label" className="uk-field-label">
        {label}
      </label>
      <p id={`${id}-hint`} data-slot="field-hint" className="uk-field-hint">
        {hint}
      </p>
      <textarea
        id={id}
        data-slot="dashboard-json"
        className="dk-json"
        spellCheck={false}
        rows={Math.min(14, Math.max(4, text.split('\n').length + 1))}
        value={text}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error ${id}-hint` : `${id}-hint`}
        onChange={(event) => {
          setText(event.target.value)
          setInvalid(null)
        }}
      />
      {message && (
        <p id={`${id}-error`} role="alert" data-slot="field-error" className="uk-field-error">
          {message}
        </p>
      )}
      <div className="dk-form-actions">
        <p aria-live="polite" data-slot="dashboard-saved" className="uk-field-hint">
          {state === 'saved' && !invalid ? t.savedMetadata : ''}
        </p>
        <Button type="submit" aria-disabled={state === 'pending' || undefined}>
          {state === 'pending' ? t.savingMetadata : saveLabel}
        </Button>
      </div>
    </form>
  )
}
