/**
 * What the request that causes a change tells its webhook event (`event_attributes.http_request`),
 * carried from the root middleware to the domain without threading it through every call. The core
 * knows only this interface; Node's `AsyncLocalStorage` implements it, and the Node adapter plugs
 * one in at start-up. Without one, events carry empty strings, as Clerk's do for its own jobs.
 */
export interface RequestInfo {
  clientIp: string
  userAgent: string
}

/** `AsyncLocalStorage<RequestInfo>` fits: `run` binds the info for everything `fn` awaits. */
export interface RequestScope {
  run<R>(info: RequestInfo, fn: () => R): R
  getStore(): RequestInfo | undefined
}
