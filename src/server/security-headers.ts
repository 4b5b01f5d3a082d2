import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every response. Scripts, styles and the Ask worker come only from the site
 * itself: the build bundles every script into `/_astro/` files, so no inline script runs, including one that
 * found its way into an entry's HTML. `build.inlineStylesheets: 'never'` in astro.config.mjs keeps styles in
 * files too. tests/e2e/csp.test.ts checks that the site, search and Ask work under it.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response (helmet): the CSP above, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: same-origin`, `X-Frame-Options: DENY`. No `upgrade-insecure-requests` and no HSTS: the
 * service is often reached over plain HTTP on an office network, and HTTPS is the reverse proxy's to declare.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
}
