import { useEffect, useState } from 'react'
import { format } from '../../src/localization/format.ts'
import type { OutboxMessageJSON as OutboxMessage } from '../../src/wire/index.ts'
import { liveMessages } from './live-messages.ts'

export interface DevOutboxProps {
  /** The in-process fetch of the story's server; the outbox is read from its `/dev/outbox.json`. */
  fetch: typeof fetch
  /** How often to look for new messages, in ms. Default 500. */
  interval?: number
}

/**
 * The development server's outbox beside a live story: the emails and text messages the server
 * "sent", with their codes, read from the in-page server as the CLI's `/dev/outbox` page does.
 */
export function DevOutbox({ fetch, interval = 500 }: DevOutboxProps) {
  const [messages, setMessages] = useState<OutboxMessage[] | null>([])
  const t = liveMessages.outbox

  useEffect(() => {
    let stopped = false
    const read = async () => {
      const response = await fetch('/dev/outbox.json')
      if (stopped) return
      if (!response.ok) return setMessages(null)
      const list = (await response.json()) as OutboxMessage[]
      // Keep the same array while nothing changed, so the panel does not re-render every tick.
      if (!stopped) setMessages((old) => (old && old[0]?.id === list[0]?.id && old.length === list.length ? old : list))
    }
    void read()
    const timer = setInterval(() => void read(), interval)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [fetch, interval])

  return (
    <aside aria-label={t.title} className="uk-root" style={{ flex: '0 1 320px', background: 'var(--uk-c-surface)', borderRadius: 12, padding: 16 }}>
      <h2 style={{ fontSize: 'var(--uk-font-size)', margin: '0 0 8px' }}>{t.title}</h2>
      {messages === null ? (
        <p>{t.unavailable}</p>
      ) : messages.length === 0 ? (
        <p style={{ color: 'var(--uk-c-muted)' }}>{t.empty}</p>
      ) : (
        <ol aria-label={t.title} style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 8 }}>
          {messages.map((m) => (
            <li key={m.id} data-channel={m.channel} style={{ background: 'var(--uk-c-background)', borderRadius: 8, padding: 8 }}>
              <div style={{ color: 'var(--uk-c-muted)', overflowWrap: 'anywhere' }}>{format(t.to, { to: m.to })}</div>
              {m.subject && <div style={{ fontWeight: 600 }}>{m.subject}</div>}
              {m.code && (
                <div>
                  {t.code} <code data-testid="outbox-code">{m.code}</code>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </aside>
  )
}
