import { queryOptions } from '@tanstack/react-query'
import type { DashboardApi } from './api.ts'
import type { UserListParams } from './types.ts'

/** Query keys and fetchers of the dashboard, in one hierarchy so a change can invalidate a whole branch. */
export const dashboardKeys = {
  all: ['dashboard'] as const,
  session: () => [...dashboardKeys.all, 'session'] as const,
  users: () => [...dashboardKeys.all, 'users'] as const,
  userList: (params: UserListParams) => [...dashboardKeys.users(), 'list', params] as const,
  userCount: (query: string) => [...dashboardKeys.users(), 'count', query] as const,
  user: (id: string) => [...dashboardKeys.users(), 'one', id] as const,
  sessions: (userId: string) => [...dashboardKeys.all, 'sessions', userId] as const,
  signingKeys: () => [...dashboardKeys.all, 'signing_keys'] as const,
  webhooks: () => [...dashboardKeys.all, 'webhooks'] as const,
  webhookEndpoints: () => [...dashboardKeys.webhooks(), 'endpoints'] as const,
  webhookDeliveries: (id: string, limit: number) => [...dashboardKeys.webhooks(), 'deliveries', id, limit] as const,
}

/** Query options factories: the key and its fetcher together. */
export const dashboardQueries = {
  session: (api: DashboardApi) => queryOptions({ queryKey: dashboardKeys.session(), queryFn: () => api.getSession() }),
  userList: (api: DashboardApi, params: UserListParams) =>
    queryOptions({ queryKey: dashboardKeys.userList(params), queryFn: () => api.listUsers(params) }),
  userCount: (api: DashboardApi, query: string) =>
    queryOptions({ queryKey: dashboardKeys.userCount(query), queryFn: () => api.countUsers(query) }),
  user: (api: DashboardApi, id: string) => queryOptions({ queryKey: dashboardKeys.user(id), queryFn: () => api.getUser(id) }),
  sessions: (api: DashboardApi, userId: string) =>
    queryOptions({ queryKey: dashboardKeys.sessions(userId), queryFn: () => api.listActiveSessions(userId) }),
  signingKeys: (api: DashboardApi) => queryOptions({ queryKey: dashboardKeys.signingKeys(), queryFn: () => api.getSigningKeys() }),
  webhookEndpoints: (api: DashboardApi) => queryOptions({ queryKey: dashboardKeys.webhookEndpoints(), queryFn: () => api.listWebhookEndpoints() }),
  webhookDeliveries: (api: DashboardApi, id: string, limit: number) =>
    queryOptions({ queryKey: dashboardKeys.webhookDeliveries(id, limit), queryFn: () => api.listWebhookDeliveries(id, limit) }),
}
