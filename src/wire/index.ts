/**
 * The wire contract, in one module shared by the kit (src/api), the server (server/) and the users
 * dashboard: the Frontend API's JSON, the Backend API's JSON, every error code, and the few
 * constants both ends must agree on. It imports nothing; the types cost no bytes, the constants a few.
 * Each package's build copies it into its own `dist`, so neither package depends on the other.
 */
export type * from './backend.ts'
export * from './constants.ts'
export * from './errors.ts'
export type * from './frontend.ts'
