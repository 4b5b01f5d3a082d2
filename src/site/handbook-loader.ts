import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { HandbookError } from '../content/entry-error.ts';
import { loadGlossary } from '../content/glossary.ts';
import { loadHandbook } from '../content/load-handbook.ts';
import { coalesce } from '../service/coalesce.ts';

/** Key on `globalThis` where the dev server keeps the problems of the last failed reload, for the page banner. */
export const HANDBOOK_PROBLEMS = Symbol.for('handbook.problems');
/** Key on `globalThis` of the dev server's "reload the browser" function (src/service/dev-server.ts). */
export const HANDBOOK_RELOAD = Symbol.for('handbook.reload');

function setProblems(message: string | undefined): void {
  const g = globalThis as Record<symbol, unknown>;
  const changed = g[HANDBOOK_PROBLEMS] !== message;
  g[HANDBOOK_PROBLEMS] = message;
  // A broken edit changes no page, so nothing would reload: ask the browser to, so the message shows.
  if (changed) (g[HANDBOOK_RELOAD] as (() => void) | undefined)?.();
}

/** The problems of the last reload in `npm run dev`, or undefined when the handbook is valid. */
export function handbookProblems(): string | undefined {
  return (globalThis as Record<symbol, string | undefined>)[HANDBOOK_PROBLEMS];
}

/**
 * The Astro content loader of the handbook: it calls the project's own loader, so the site, the question index and
 * the checker see identical data and the same `file:line` errors. At build time a bad entry (or glossary) stops the
 * build with its message. In `npm run dev` every change under the handbook folder reloads it; a broken edit keeps
 * the last good version serving, prints the message and shows it on every page until fixed.
 */
export function handbookLoader(options: { dir: string }): Loader {
  const dir = path.resolve(options.dir);
  return {
    name: 'handbook-loader',
    load: async ({ store, logger, parseData, renderMarkdown, generateDigest, watcher }) => {
      const sync = async () => {
        const { entries, byId } = await loadHandbook({ dir, includeDrafts: true });
        await loadGlossary(dir, new Set(byId.keys()));
        const keep = new Set<string>();
        for (const e of entries) {
          const id = `${e.lang}/${e.topic}/${e.slug}`;
          keep.add(id);
          const digest = generateDigest({ data: JSON.stringify(e.data), body: e.body });
          if (store.get(id)?.digest === digest) continue;
          const data = await parseData({ id, data: e.data as unknown as Record<string, unknown>, filePath: e.file });
          store.set({ id, data, body: e.body, digest, filePath: e.file, rendered: await renderMarkdown(e.body) });
        }
        for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
        return entries.length;
      };
      const count = await sync();
      logger.info(`${count} entries loaded from ${path.relative(process.cwd(), dir) || '.'}`);
      if (!watcher) return;
      watcher.add(dir);
      let changed = '';
      const reload = coalesce(async () => {
        const started = performance.now();
        try {
          const n = await sync();
          setProblems(undefined);
          logger.info(`reloaded ${n} entries in ${Math.round(performance.now() - started)} ms (${changed} changed)`);
        } catch (e) {
          const message = e instanceof HandbookError ? e.message : String((e as Error).message);
          setProblems(message);
          logger.error(`${message}\nThe last good version keeps serving until this is fixed.`);
        }
      }, 100);
      for (const event of ['change', 'add', 'unlink'] as const) {
        watcher.on(event, (file) => {
          if (!file.startsWith(dir) || !/\.(md|ya?ml)$/.test(file)) return;
          changed = path.relative(dir, file);
          reload.schedule();
        });
      }
    },
  };
}
