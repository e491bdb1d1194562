import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { listen } from '../helpers/backend.ts'
import { setupTestServers, type TestServer } from '../helpers/server.ts'

const createTestServer = setupTestServers()

/**
 * Sends `head` and then each of `chunks` as raw bytes over a socket (so the test, not an HTTP
 * client, decides the framing), and resolves with the status and the body of the answer.
 */
function raw(url: string, head: string, chunks: string[] = []): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(head)
      for (const chunk of chunks) socket.write(chunk)
    })
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (data) => {
      answer += data
      const end = answer.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = /\r\ncontent-length: (\d+)/i.exec(answer.slice(0, end))
      if (length && answer.length - end - 4 >= Number(length[1])) {
        socket.destroy()
        done({ status: Number(answer.slice(9, 12)), body: answer.slice(end + 4) })
      }
    })
    socket.on('error', fail)
  })
}

async function served(t: TestServer) {
  const http = await listen(t)
  const { user, cookie } = await t.signedInUser({ firstName: 'Before' })
  const headers = (lines: string[]) =>
    [`Host: ${new URL(http.url).host}`, `Origin: ${http.url}`, `Cookie: ${cookie}`, 'Connection: close', ...lines].join('\r\n')
  const firstName = async () => (await t.server.store.users.get(user.id))?.firstName
  return { http, headers, firstName }
}

const chunked = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`

describe('bodies off a socket, whatever their framing', () => {
  it('reads a JSON body framed by Content-Length, or sent in chunks', async () => {
    const t = await createTestServer()
    const { http, headers, firstName } = await served(t)
    try {
      const body = JSON.stringify({ first_name: 'Sized' })
      const sized = await raw(http.url, `PATCH /v1/me HTTP/1.1\r\n${headers(['Content-Type: application/json', `Content-Length: ${body.length}`])}\r\n\r\n${body}`)
      expect(sized.status).toBe(200)
      expect(await firstName()).toBe('Sized')

      const parts = ['{"first_na', 'me": "Chunked"}']
      const streamed = await raw(http.url, `PATCH /v1/me HTTP/1.1\r\n${headers(['Content-Type: application/json', 'Transfer-Encoding: chunked'])}\r\n\r\n`, [
        ...parts.map(chunked),
        '0\r\n\r\n',
      ])
      expect(streamed.status).toBe(200)
      expect(await firstName()).toBe('Chunked')
    } finally {
      await http.close()
    }
  })

  it('refuses a body past the limit with 413 whether its length is declared or streamed, changing nothing', async () => {
    const t = await createTestServer()
    const { http, headers, firstName } = await served(t)
    try {
      const big = JSON.stringify({ first_name: 'x'.repeat(100_000) })
      const declared = await raw(http.url, `PATCH /v1/me HTTP/1.1\r\n${headers(['Content-Type: application/json', `Content-Length: ${big.length}`])}\r\n\r\n`, [big])
      expect(declared.status).toBe(413)
      expect(JSON.parse(declared.body).errors[0].code).toBe('request_body_too_large')

      const pieces = big.match(/.{1,8192}/g) ?? []
      const streamed = await raw(http.url, `PATCH /v1/me HTTP/1.1\r\n${headers(['Content-Type: application/json', 'Transfer-Encoding: chunked'])}\r\n\r\n`, [
        ...pieces.map(chunked),
        '0\r\n\r\n',
      ])
      expect(streamed.status).toBe(413)
      expect(JSON.parse(streamed.body).errors[0].code).toBe('request_body_too_large')
      expect(await firstName()).toBe('Before')
    } finally {
      await http.close()
    }
  })

  it('takes a body-less call with neither Content-Length nor Transfer-Encoding as {}, as does a declared empty one, and still checks a declared body', async () => {
    const t = await createTestServer()
    const { http, headers } = await served(t)
    try {
      const session = (await t.server.store.sessions.list({}, { limit: 10, offset: 0 })).sessions[0]
      const path = `/v1/client/sessions/${session?.id}/tokens`
      const bare = await raw(http.url, `POST ${path} HTTP/1.1\r\n${headers([])}\r\n\r\n`)
      expect(bare.status).toBe(200)
      expect(JSON.parse(bare.body)).toMatchObject({ object: 'token', jwt: expect.stringMatching(/^ey/) })

      const empty = await raw(http.url, `POST ${path} HTTP/1.1\r\n${headers(['Content-Length: 0'])}\r\n\r\n`)
      expect(empty.status).toBe(200)

      // A declared body is read and validated as ever: an unknown parameter is refused.
      const body = JSON.stringify({ admin: true })
      const unknown = await raw(http.url, `POST ${path} HTTP/1.1\r\n${headers(['Content-Type: application/json', `Content-Length: ${body.length}`])}\r\n\r\n${body}`)
      expect(unknown.status).toBe(422)
      expect(JSON.parse(unknown.body).errors[0]).toMatchObject({ code: 'form_param_unknown', meta: { param_name: 'admin' } })
    } finally {
      await http.close()
    }
  })
})
