/**
 * Every Backend API answer, success and error, checked against the response schemas of Clerk's
 * OpenAPI file with ajv: the contract @clerk/backend and other Clerk clients are built from.
 */
import { describe, expect, it } from 'vitest'
import { bapi, contractValidator } from '../helpers/backend.ts'
import { imageForm, pngBytes, setupTestServers, type TestRequestInit } from '../helpers/server.ts'

const createTestServer = setupTestServers()
const contract = contractValidator()

describe('Backend API contract (bapi-2026-05-12.yml)', () => {
  it('the validator rejects answers that break the schema', () => {
    expect(contract.errors('/users/count', 'GET', 200, { object: 'total_count', total_count: 1 })).toEqual([])
    expect(contract.errors('/users/count', 'GET', 200, { object: 'total_count', total_count: '1' })).not.toEqual([])
    expect(contract.errors('/users/{user_id}', 'DELETE', 200, { object: 'user', id: 'user_1', deleted: true, extra: 1 })).not.toEqual([])
    expect(contract.errors('/users', 'GET', 400, { errors: [{ code: 'x', message: 'm' }] })).not.toEqual([])
  })

  it('every endpoint answers what the spec describes, for success and for errors', async () => {
    const t = await createTestServer()
    const call = bapi(t)
    const { user, email, password, cookie } = await t.signedInUser({ username: 'contract_user', publicMetadata: { a: 1 } })
    const seen = new Set<string>()

    async function check(specPath: string, method: string, path: string, init: TestRequestInit, status: number) {
      const res = await (init.headers && 'authorization' in (init.headers as object) ? t.request(path, { origin: null, ...init }) : call(path, init))
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(status)
      expect(res.headers.get('content-type')).toBe('application/json')
      const body = await res.json()
      expect(contract.errors(specPath, method, status, body), `${method} ${path} ${status}`).toEqual([])
      seen.add(`${method} ${specPath} ${status}`)
      return body
    }
    const post = (body?: unknown): TestRequestInit => ({ method: 'POST', body })

    const created = await check('/users', 'POST', '/v1/users', post({
      email_address: ['c1@example.com'], phone_number: ['+14155550111'], username: 'made_here', password: 'long-password',
      first_name: 'Made', private_metadata: { p: 1 },
    }), 200)
    await check('/users', 'POST', '/v1/users', post({ email_address: [email] }), 422)
    await check('/users', 'GET', '/v1/users?limit=5&order_by=-last_sign_in_at', {}, 200)
    await check('/users', 'GET', '/v1/users?limit=0', {}, 422)
    await check('/users', 'GET', '/v1/users', { headers: { authorization: 'Bearer sk_test_nope' } }, 401)
    await check('/users/count', 'GET', '/v1/users/count?query=made', {}, 200)
    await check('/users/count', 'GET', '/v1/users/count?bogus=1', {}, 422)
    await check('/users/{user_id}', 'GET', `/v1/users/${created.id}`, {}, 200)
    await check('/users/{user_id}', 'GET', '/v1/users/user_missing', {}, 404)
    await check('/users/{user_id}', 'PATCH', `/v1/users/${created.id}`, { method: 'PATCH', body: { last_name: 'Here' } }, 200)
    await check('/users/{user_id}', 'PATCH', `/v1/users/${created.id}`, { method: 'PATCH', body: { username: 'CONTRACT_USER' } }, 422)
    await check('/users/{user_id}', 'PATCH', '/v1/users/user_missing', { method: 'PATCH', body: {} }, 404)
    await check('/users/{user_id}/metadata', 'PATCH', `/v1/users/${created.id}/metadata`, { method: 'PATCH', body: { public_metadata: { x: { y: 1 } } } }, 200)
    await check('/users/{user_id}/metadata', 'PATCH', `/v1/users/${created.id}/metadata`, { method: 'PATCH', body: { nope: {} } }, 422)
    await check('/users/{user_id}/metadata', 'PUT', `/v1/users/${created.id}/metadata`, { method: 'PUT', body: { private_metadata: {} } }, 200)
    await check('/users/{user_id}/metadata', 'PUT', '/v1/users/user_missing/metadata', { method: 'PUT', body: {} }, 404)
    await check('/users/{user_id}/profile_image', 'POST', `/v1/users/${user.id}/profile_image`, post(imageForm(pngBytes())), 200)
    await check('/users/{user_id}/profile_image', 'POST', `/v1/users/${user.id}/profile_image`, post(imageForm(new Uint8Array([1, 2]))), 400)
    await check('/users/{user_id}/profile_image', 'DELETE', `/v1/users/${user.id}/profile_image`, { method: 'DELETE' }, 200)
    await check('/users/{user_id}/profile_image', 'DELETE', '/v1/users/user_missing/profile_image', { method: 'DELETE' }, 404)
    await check('/users/{user_id}/verify_password', 'POST', `/v1/users/${user.id}/verify_password`, post({ password }), 200)
    await check('/users/{user_id}/verify_password', 'POST', `/v1/users/${user.id}/verify_password`, post({ password: 'wrong-wrong' }), 422)
    await check('/users/{user_id}/verify_password', 'POST', '/v1/users/user_missing/verify_password', post({ password }), 404)

    const addedEmail = await check('/email_addresses', 'POST', '/v1/email_addresses', post({ user_id: user.id, email_address: 'extra@example.com' }), 200)
    await check('/email_addresses', 'POST', '/v1/email_addresses', post({ user_id: user.id, email_address: 'c1@example.com' }), 422)
    await check('/email_addresses', 'POST', '/v1/email_addresses', post({ user_id: 'user_missing', email_address: 'z@example.com' }), 404)
    await check('/email_addresses/{email_address_id}', 'GET', `/v1/email_addresses/${addedEmail.id}`, {}, 200)
    await check('/email_addresses/{email_address_id}', 'PATCH', `/v1/email_addresses/${addedEmail.id}`, { method: 'PATCH', body: { primary: true } }, 200)
    await check('/email_addresses/{email_address_id}', 'DELETE', `/v1/email_addresses/${addedEmail.id}`, { method: 'DELETE' }, 200)
    await check('/email_addresses/{email_address_id}', 'GET', `/v1/email_addresses/${addedEmail.id}`, {}, 404)
    const unverified = await check('/phone_numbers', 'POST', '/v1/phone_numbers', post({ user_id: user.id, phone_number: '+33612345678', verified: false }), 200)
    await check('/phone_numbers', 'POST', '/v1/phone_numbers', post({ user_id: user.id, phone_number: 'abc' }), 422)
    await check('/phone_numbers/{phone_number_id}', 'GET', `/v1/phone_numbers/${unverified.id}`, {}, 200)
    await check('/phone_numbers/{phone_number_id}', 'PATCH', `/v1/phone_numbers/${unverified.id}`, { method: 'PATCH', body: { verified: true } }, 200)
    await check('/phone_numbers/{phone_number_id}', 'DELETE', `/v1/phone_numbers/${unverified.id}`, { method: 'DELETE' }, 200)
    await check('/phone_numbers/{phone_number_id}', 'DELETE', `/v1/phone_numbers/${unverified.id}`, { method: 'DELETE' }, 404)

    const sessions = await check('/sessions', 'GET', `/v1/sessions?user_id=${user.id}`, {}, 200)
    await check('/sessions', 'GET', '/v1/sessions?status=nope', {}, 422)
    await check('/sessions/{session_id}', 'GET', `/v1/sessions/${sessions[0].id}`, {}, 200)
    await check('/sessions/{session_id}/revoke', 'POST', `/v1/sessions/${sessions[0].id}/revoke`, post(), 200)
    await check('/sessions/{session_id}/revoke', 'POST', '/v1/sessions/sess_missing/revoke', post(), 404)
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)

    await check('/users/{user_id}/ban', 'POST', `/v1/users/${created.id}/ban`, post(), 200)
    await check('/users/{user_id}/unban', 'POST', `/v1/users/${created.id}/unban`, post(), 200)
    await check('/users/{user_id}', 'DELETE', `/v1/users/${created.id}`, { method: 'DELETE' }, 200)
    await check('/users/{user_id}', 'DELETE', `/v1/users/${created.id}`, { method: 'DELETE' }, 404)
    expect(seen.size).toBeGreaterThanOrEqual(45)
  })
})
