import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { glob, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';

const STAMP = '.handbook-build.json';

/** Hash of everything the site is built from: handbook entries, site sources and the Astro config. */
export async function siteSourceHash(root: string, config: Config): Promise<string> {
  const hash = createHash('sha256');
  const sources: [string, string][] = [
    [config.handbookDir, '**/*.{md,yaml}'],
    [path.join(root, 'src'), '**/*.{astro,ts,css}'],
  ];
  for (const [dir, pattern] of sources) {
    const files: string[] = [];
    for await (const f of glob(pattern, { cwd: dir })) files.push(f);
    for (const f of files.sort()) hash.update(f).update(await readFile(path.join(dir, f)));
  }
  hash.update(await readFile(path.join(root, 'astro.config.mjs')));
  return hash.digest('hex');
}

/** True when the built site is missing or was built from other sources. */
export async function siteIsStale(root: string, config: Config): Promise<boolean> {
  const stampFile = path.join(config.siteDir, STAMP);
  if (!existsSync(path.join(config.siteDir, 'index.html')) || !existsSync(stampFile)) return true;
  const { hash } = JSON.parse(await readFile(stampFile, 'utf8')) as { hash: string };
  return hash !== (await siteSourceHash(root, config));
}

/** Runs `astro build` (pages and the Pagefind index) with the service's settings, then stamps the result. */
export async function buildSite(root: string, config: Config, env: NodeJS.ProcessEnv): Promise<void> {
  const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [astro, 'build'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the site build failed (astro build exited with ${code}); see the messages above`)),
    );
  });
  await writeFile(
    path.join(config.siteDir, STAMP),
    JSON.stringify({ hash: await siteSourceHash(root, config), builtAt: new Date().toISOString() }),
  );
}
