import { describe, expect, it } from 'vitest'
import { firstError, imageForm, ORIGIN, pngBytes, readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const upload = (form: FormData, cookie: string, extra: Record<string, unknown> = {}) => ({
  method: 'POST',
  body: form,
  cookie,
  ...extra,
})

describe('POST /v1/me/profile_image', () => {
  it('stores a real PNG, answers an image, and the user now points at it', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const png = pngBytes(3, 3)
    const res = await t.request('/v1/me/profile_image', upload(imageForm(png), cookie))
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toMatchObject({ object: 'image', name: 'avatar.png' })
    expect(body.response.id).toMatch(/^img_/)
    expect(body.response.public_url).toBe(`${ORIGIN}/v1/images/${body.response.id}`)
    const user = body.client.sessions[0].user
    expect(user).toMatchObject({ has_image: true, image_url: body.response.public_url })

    const served = await t.request(body.response.public_url.slice(ORIGIN.length))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('cache-control')).toMatch(/max-age=\d+/)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png)
  })

  it.each([
    ['image/jpeg', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]],
    ['image/gif', [...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0]],
    ['image/webp', [...new TextEncoder().encode('RIFF'), 4, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]],
  ])('recognises %s by its bytes, whatever the declared type', async (type, bytes) => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const res = await t.request('/v1/me/profile_image', upload(imageForm(new Uint8Array(bytes), 'application/octet-stream', 'x.bin'), cookie))
    expect(res.status).toBe(200)
    const { response } = await readJson(res)
    const served = await t.request(`/v1/images/${response.id}`)
    expect(served.headers.get('content-type')).toBe(type)
  })

  it('refuses text that claims to be a PNG (422) and keeps the old image', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const first = await readJson(await t.request('/v1/me/profile_image', upload(imageForm(pngBytes()), cookie)))
    const fake = new TextEncoder().encode('<html><script>alert(1)</script></html>')
    const res = await t.request('/v1/me/profile_image', upload(imageForm(fake, 'image/png', 'evil.png'), cookie))
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code: 'form_param_format_invalid', meta: { param_name: 'file' } })
    const me = await readJson(await t.request('/v1/me', { cookie }))
    expect(me.response.image_url).toBe(first.response.public_url)
    const { rows } = await t.db.query('SELECT id FROM blobs')
    expect(rows).toHaveLength(1)
  })

  it('refuses an image over 10 MB with 413, and a body far over it too', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(pngBytes().subarray(0, 8))
    const res = await t.request('/v1/me/profile_image', upload(imageForm(big), cookie))
    expect(res.status).toBe(413)
    expect(await firstError(res)).toMatchObject({ code: 'image_too_large', meta: { param_name: 'file' } })
    const huge = new Uint8Array(11 * 1024 * 1024)
    huge.set(pngBytes().subarray(0, 8))
    const res2 = await t.request('/v1/me/profile_image', upload(imageForm(huge), cookie))
    expect(res2.status).toBe(413)
    expect((await firstError(res2)).code).toBe('request_body_too_large')
    const { rows } = await t.db.query('SELECT id FROM blobs')
    expect(rows).toEqual([])
  })

  it('accepts an image of exactly 10 MB', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const max = new Uint8Array(10 * 1024 * 1024)
    max.set(pngBytes().subarray(0, 8))
    expect((await t.request('/v1/me/profile_image', upload(imageForm(max), cookie))).status).toBe(200)
  })

  it('refuses a missing file, an extra field, a non-multipart body and a malformed one', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const empty = new FormData()
    empty.append('file', 'just a string')
    const extra = imageForm(pngBytes())
    extra.append('crop', '1')
    const cases: [Record<string, unknown>, number, string][] = [
      [{ body: new FormData() }, 422, 'form_param_missing'],
      [{ body: empty }, 422, 'form_param_missing'],
      [{ body: extra }, 422, 'form_param_unknown'],
      [{ body: { file: 'x' } }, 415, 'unsupported_content_type'],
      [{ body: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=zzz' } }, 400, 'request_body_invalid'],
    ]
    for (const [init, status, code] of cases) {
      const res = await t.request('/v1/me/profile_image', { method: 'POST', cookie, ...init })
      expect(res.status).toBe(status)
      expect((await firstError(res)).code).toBe(code)
    }
    const { rows } = await t.db.query('SELECT id FROM blobs')
    expect(rows).toEqual([])
  })

  it('replaces the previous image and deletes its bytes', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const first = await readJson(await t.request('/v1/me/profile_image', upload(imageForm(pngBytes(1, 1)), cookie)))
    const second = await readJson(await t.request('/v1/me/profile_image', upload(imageForm(pngBytes(2, 1)), cookie)))
    expect(second.response.id).not.toBe(first.response.id)
    expect((await t.request(`/v1/images/${first.response.id}`)).status).toBe(404)
    expect((await t.request(`/v1/images/${second.response.id}`)).status).toBe(200)
  })

  it('needs a session and an allowed Origin', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    expect((await t.request('/v1/me/profile_image', { method: 'POST', body: imageForm(pngBytes()) })).status).toBe(401)
    const res = await t.request('/v1/me/profile_image', upload(imageForm(pngBytes()), cookie, { origin: 'https://evil.example' }))
    expect(res.status).toBe(403)
    const { rows } = await t.db.query('SELECT id FROM blobs')
    expect(rows).toEqual([])
  })
})

describe('DELETE /v1/me/profile_image', () => {
  it('removes the image: bytes gone, the user back on initials', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser({ firstName: 'Grace', lastName: 'Hopper' })
    const uploaded = await readJson(await t.request('/v1/me/profile_image', upload(imageForm(pngBytes()), cookie)))
    const res = await t.request('/v1/me/profile_image', { method: 'DELETE', cookie })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toEqual({ object: 'image', id: uploaded.response.id, deleted: true })
    expect(body.client.sessions[0].user).toMatchObject({ has_image: false, image_url: `${ORIGIN}/v1/images/initials/GH.svg` })
    expect((await t.request(`/v1/images/${uploaded.response.id}`)).status).toBe(404)
    const again = await t.request('/v1/me/profile_image', { method: 'DELETE', cookie })
    expect((await readJson(again)).response).toEqual({ object: 'image', id: null, deleted: true })
  })
})

describe('GET /v1/images', () => {
  it('serves initials as a small SVG, escaping what it draws', async () => {
    const t = await createTestServer()
    const res = await t.request('/v1/images/initials/AL.svg')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('>AL</text>')
    const escaped = await t.request(`/v1/images/initials/${encodeURIComponent('<&')}.svg`)
    const text = await escaped.text()
    expect(text).toContain('&lt;&amp;')
    expect(text).not.toContain('<&')
    expect((await t.request('/v1/images/initials/TOOLONG.svg')).status).toBe(404)
  })

  it('answers 404 JSON for an unknown or malformed image id', async () => {
    const t = await createTestServer()
    for (const path of ['/v1/images/img_unknown', '/v1/images/user_123', '/v1/images/initials/AB.png']) {
      const res = await t.request(path)
      expect(res.status).toBe(404)
      expect((await firstError(res)).code).toBe('resource_not_found')
    }
  })
})
