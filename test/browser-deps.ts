/**
 * What the server core imports from npm when it runs inside a browser page (live stories, the
 * dashboard's component tests). Vite pre-bundles these at start; a dependency it first meets
 * mid-run makes it re-optimize and reload the page under a running test.
 */
export const SERVER_BROWSER_DEPS = ['hono', 'hono/body-limit', 'hono/cookie', 'hono/cors', 'hono/http-exception', 'zod', 'jose', 'oauth4webapi', '@noble/hashes/sha2.js', '@noble/hashes/scrypt.js', 'standardwebhooks']
