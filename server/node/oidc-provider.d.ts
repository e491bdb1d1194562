// oidc-provider ships no types; the few parts dev-oidc.ts uses are typed there at the call sites.
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => {
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void
  }
  export default Provider
}
