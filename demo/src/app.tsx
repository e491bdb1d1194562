import { SignIn, SignedIn, SignedOut, UserButton, UserProfile, useUser } from '../../src/index.ts'
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

function Home() {
  const { user } = useUser()
  return (
    <section className="demo-card">
      <h1>{copy.welcome.replace('{name}', user?.firstName ?? user?.username ?? '')}</h1>
      <p>{copy.intro}</p>
    </section>
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
