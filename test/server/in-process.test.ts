import { describe, expect, it } from 'vitest'
import { createInProcessFetch } from '../../server/in-process.ts'
import { setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

describe('createInProcessFetch', () => {
  it('keeps the session cookie and sends the page origin, like a browser on that origin', async () => {
    const t = await createTestServer()
    const { user, email, password } = await t.createUser()
    const seen: Request[] = []
    const fetch = createInProcessFetch(
      (request) => {
        seen.push(request)
        return t.server.app.fetch(request)
      },
      { baseUrl: 'http://127.0.0.1:4000/app' },
    )
    expect((await fetch('/v1/me')).status).toBe(401)
    const signIn = await fetch('/v1/client/sign_ins', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: email, password }),
    })
    expect(signIn.status).toBe(200)
    expect(seen.at(-1)?.headers.get('origin')).toBe('http://127.0.0.1:4000')
    expect(seen.at(-1)?.url).toBe('http://127.0.0.1:4000/v1/client/sign_ins')
    const me = await fetch('/v1/me')
    expect(me.status).toBe(200)
    expect((await me.json()).response.id).toBe(user.id)
    expect(seen.at(-1)?.headers.get('cookie')).toMatch(/^__client=[\w-]+$/)

    await fetch('/v1/client/sessions', { method: 'DELETE' })
    expect((await fetch('/v1/me')).status).toBe(401)
  })

  it('works where a page cannot send Origin or Cookie nor read Set-Cookie (a browser)', async () => {
    const t = await createTestServer()
    const { user, email, password } = await t.createUser()
    // What a browser does to a script-made Request and Response: forbidden header names vanish.
    const fetch = createInProcessFetch(
      async (request, env) => {
        const headers = new Headers(request.headers)
        headers.delete('origin')
        headers.delete('cookie')
        const response = await t.server.app.fetch(new Request(request, { headers }), env)
        const out = new Headers(response.headers)
        out.delete('set-cookie')
        return new Response(response.body, { status: response.status, headers: out })
      },
      { baseUrl: 'http://localhost:6006' },
    )
    const signIn = await fetch('/v1/client/sign_ins', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: email, password }),
    })
    expect(signIn.status).toBe(200)
    const me = await fetch('/v1/me')
    expect((await me.json()).response.id).toBe(user.id)
    const patch = await fetch('/v1/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ first_name: 'Browser' }),
    })
    expect(patch.status).toBe(200)
  })

  it('sends no Origin when told, and the server then refuses changes', async () => {
    const t = await createTestServer()
    const fetch = createInProcessFetch(t.server.app.fetch, { baseUrl: 'http://localhost', origin: null })
    const res = await fetch('/v1/client/sessions', { method: 'DELETE' })
    expect(res.status).toBe(403)
  })

  it('drops a cookie the server deletes, and can send no Origin', async () => {
    let reply = new Response(null, { headers: { 'set-cookie': 'a=1; Path=/' } })
    const seen: Request[] = []
    const fetch = createInProcessFetch(
      (request) => {
        seen.push(request)
        return reply
      },
      { baseUrl: 'http://localhost', origin: null },
    )
    await fetch('http://localhost/x', { method: 'POST' })
    expect(seen[0]?.headers.get('origin')).toBeNull()
    reply = new Response(null, { headers: { 'set-cookie': 'a=; Max-Age=0; Path=/' } })
    await fetch('/x')
    expect(seen[1]?.headers.get('cookie')).toBe('a=1')
    await fetch('/x')
    expect(seen[2]?.headers.get('cookie')).toBeNull()
  })
})
