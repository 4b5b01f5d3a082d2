import { sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The built site (`HANDBOOK_SITE_DIR`) for GET and HEAD, and nothing outside it: `..`, encoded slashes and
 * dot-files never leave the folder (they fall to the 404 page), and other methods get 405 from the
 * not-found handler. Astro's hashed `/_astro/` files are cached for a year; pages are revalidated.
 */
export async function registerStaticSite(app: FastifyInstance, siteDir: string): Promise<void> {
  const hashedAssets = `${sep}_astro${sep}`;
  await app.register(fastifyStatic, {
    root: siteDir,
    wildcard: true,
    index: ['index.html'],
    redirect: true,
    dotfiles: 'ignore',
    serveDotFiles: false,
    setHeaders: (reply, filePath) => {
      if (filePath.includes(hashedAssets)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}
