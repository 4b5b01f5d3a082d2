import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ASK_INDEX_DIR, browserIndexFiles } from '../../browser/browser-index.ts';
import type { Manifest } from '../../indexing/index-files.ts';
import type { Config } from '../../config.ts';
import { lexicalNotice, type ServiceState } from '../ask-handbook.ts';
import { hideServerPaths } from '../hide-paths.ts';

/**
 * `GET /api/health` (and HEAD): the answering mode, the model (its id and kind of source, never a server
 * path), the serving index, and whether the question log is being written.
 */
export function registerHealthRoute(app: FastifyInstance, config: Config, getState: () => ServiceState): void {
  const hide = (text: string) => hideServerPaths(text, config);
  const siteVersionFile = path.join(config.siteDir, ASK_INDEX_DIR, browserIndexFiles().version);
  app.get('/api/health', async () => {
    const s = getState();
    // Which handbook is live: the question index's and the served site's. They differ while one is rebuilt.
    const site = await readFile(siteVersionFile, 'utf8').then(
      (t) => JSON.parse(t) as { version: string; builtAt: string; entries: number },
      () => undefined,
    );
    const model =
      s.model.state === 'loaded'
        ? { state: 'loaded', id: s.model.info.id, source: s.model.info.source, dtype: s.model.info.dtype, loadMs: s.model.loadMs }
        : { state: 'unavailable', reason: hide(s.model.reason) };
    return {
      status: 'ok',
      mode: s.search.mode,
      ...(s.search.mode === 'lexical' ? { notice: hide(lexicalNotice(s)) } : {}),
      // Whether the model's similarity counts in the answer decision: only with a calibration fitted for this model.
      answerDecision: s.search.confidenceFrom,
      model,
      index: {
        builtAt: s.manifest.builtAt,
        model: s.manifest.model,
        entries: s.manifest.counts.entries,
        passages: s.manifest.counts.passages,
      },
      handbook: {
        version: handbookVersion(s.manifest),
        site: site ? { version: site.version.slice(0, 12), builtAt: site.builtAt, entries: site.entries } : null,
      },
      questionLog: s.log.health(),
    };
  });
}

/** A short fingerprint of the handbook an index was built from: its entries' content hashes and its glossary. */
export function handbookVersion(manifest: Manifest): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(manifest.entries).sort()) hash.update(`${key}=${manifest.entries[key]}\n`);
  return hash.update(manifest.glossaryHash).digest('hex').slice(0, 12);
}
