import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { lexicalNotice, type ServiceState } from '../ask-handbook.ts';
import { hideServerPaths } from '../hide-paths.ts';

/**
 * `GET /api/health` (and HEAD): the answering mode, the model (its id and kind of source, never a server
 * path), the serving index, and whether the question log is being written.
 */
export function registerHealthRoute(app: FastifyInstance, config: Config, getState: () => ServiceState): void {
  const hide = (text: string) => hideServerPaths(text, config);
  app.get('/api/health', async () => {
    const s = getState();
    const model =
      s.model.state === 'loaded'
        ? { state: 'loaded', id: s.model.info.id, source: s.model.info.source, dtype: s.model.info.dtype, loadMs: s.model.loadMs }
        : { state: 'unavailable', reason: hide(s.model.reason) };
    return {
      status: 'ok',
      mode: s.search.mode,
      ...(s.search.mode === 'lexical' ? { notice: hide(lexicalNotice(s)) } : {}),
      model,
      index: {
        builtAt: s.manifest.builtAt,
        model: s.manifest.model,
        entries: s.manifest.counts.entries,
        passages: s.manifest.counts.passages,
      },
      questionLog: s.log.health(),
    };
  });
}
