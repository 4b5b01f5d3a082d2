import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
};

/**
 * A plain static file server over a built site, like any static host or CDN: no /api at all (it answers 404).
 * `override` replaces a file's bytes, to play a new build of one file (the service worker) without rebuilding.
 */
export async function startStaticServer(root: string): Promise<{ url: string; override: Map<string, string>; close: () => Promise<void> }> {
  const override = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const replaced = override.get(pathname);
      if (replaced !== undefined) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(pathname)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        res.end(replaced);
        return;
      }
      let file = path.join(root, pathname);
      if (!file.startsWith(root)) return void res.writeHead(403).end();
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        await stat(file);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      createReadStream(file).pipe(res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    override,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
