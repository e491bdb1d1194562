import { useEffect, useState } from 'react'
import { SignIn, SignedIn, SignedOut, UserButton, UserProfile, useAuth, useUser } from '../../src/index.ts'
import { copy } from './copy.ts'

function Header() {
  return (
    <header className="demo-header">
      <a className="demo-brand" href="/">
        {copy.brand}
      </a>
      <nav aria-label={copy.brand} className="demo-nav">
        <a href="/">{copy.home}</a>
        <SignedIn>
          <a href="/account">{copy.account}</a>
        </SignedIn>
      </nav>
      <UserButton showName afterSignOutUrl="/" />
    </header>
  )
}

/** Calls the demo's own API with the session token, as an app calls its backend. */
function BackendCheck() {
  const { getToken, userId } = useAuth()
  const [answer, setAnswer] = useState<string>(copy.backendAsking)
  useEffect(() => {
    let live = true
    void (async () => {
      const token = await getToken()
      const res = await fetch('/api/me', { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      const body = (await res.json().catch(() => ({}))) as { userId?: string }
      if (!live) return
      setAnswer(res.ok && body.userId ? copy.backendSays.replace('{id}', body.userId) : copy.backendFailed.replace('{status}', String(res.status)))
    })()
    return () => {
      live = false
    }
  }, [getToken, userId])
  return (
    <section className="demo-card" aria-labelledby="demo-backend">
      <h2 id="demo-backend">{copy.backendTitle}</h2>
      <p role="status">{answer}</p>
    </section>
  )
}

function Home() {
  const { user } = useUser()
  return (
    <>
      <section className="demo-card">
        <h1>{copy.welcome.replace('{name}', user?.firstName ?? user?.username ?? '')}</h1>
        <p>{copy.intro}</p>
      </section>
      <BackendCheck />
    </>
  )
}

export function App() {
  const onAccount = window.location.pathname.startsWith('/account')
  return (
    <>
      <Header />
      <main className="demo-main">
        <SignedOut>
          <section className="demo-card demo-narrow">
            <h1>{copy.signInTitle}</h1>
            <p className="demo-hint">{copy.signInHint}</p>
            <SignIn />
          </section>
        </SignedOut>
        <SignedIn>
          {onAccount ? (
            <>
              <h1 className="demo-title">{copy.accountTitle}</h1>
              <UserProfile />
            </>
          ) : (
            <Home />
          )}
        </SignedIn>
      </main>
    </>
  )
}
