import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generateSW } from 'workbox-build';

/** Page served for a navigation the offline copy does not hold. */
export const OFFLINE_PAGE = 'offline/index.html';

/**
 * Writes the service worker (Workbox) as the last step of the build: it precaches every page, style, script,
 * icon and the browser question index, so the whole handbook opens, searches and answers with no network. A new
 * build's worker waits until the reader accepts the update prompt, so old and new pages are never mixed.
 */
export function serviceWorker(): AstroIntegration {
  return {
    name: 'service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW({
          globDirectory: site,
          globPatterns: ['**/*.{html,css,js,json,gz,bin,svg,png,webmanifest}'],
          globIgnores: ['sw.js', 'workbox-*.js', '.handbook-build.json'],
          swDest: path.join(site, 'sw.js'),
          cacheId: 'so-tay-hcc',
          inlineWorkboxRuntime: true,
          mode: 'production',
          sourcemap: false,
          skipWaiting: false,
          clientsClaim: false,
          cleanupOutdatedCaches: true,
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
          // Pages do not vary by query string (the search page reads ?q= itself): match them without it.
          ignoreURLParametersMatching: [/.*/],
          navigateFallback: `/${OFFLINE_PAGE}`,
          // The API and the IOC dashboard are never answered from the offline copy.
          navigateFallbackDenylist: [/^\/api\//, /^\/ioc\//],
        });
        for (const w of warnings) logger.warn(w);
        logger.info(`offline copy: ${count} files, ${Math.round(size / 1024)} KB precached`);
      },
    },
  };
}
