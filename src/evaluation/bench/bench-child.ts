/**
 * Child process of `npm run bench`: runs one measured phase (phases.ts) in a process of its own, so the peak
 * memory the kernel records is that phase's alone. Started by run-phase.ts with an IPC channel: it receives one
 * {@link PhaseRequest}, answers `ready` (serve only) and `done` or `failed`, then exits.
 */
import { enginePhase, indexPhase, servePhase, type EngineArgs, type PhaseContext } from './phases.ts';
import type { Figures } from './stats.ts';

/** What the parent asks a child to do. */
export type PhaseRequest =
  { phase: 'index'; context: PhaseContext } | { phase: 'engine'; args: EngineArgs } | { phase: 'serve'; context: PhaseContext };

/** What a child answers. */
export type PhaseMessage =
  | { type: 'ready'; url: string; figures: Figures }
  | { type: 'done'; figures: Figures; top?: string[]; maxRssKb: number }
  | { type: 'failed'; message: string };

const send = (message: PhaseMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once('message', async (request: PhaseRequest) => {
  const log = (line: string) => console.log(line);
  try {
    let done: { figures: Figures; top?: string[] };
    if (request.phase === 'index') done = { figures: await indexPhase(request.context, log) };
    else if (request.phase === 'engine') done = await enginePhase(request.args);
    else {
      const stopped = new Promise<void>((resolve) => process.once('message', () => resolve()));
      done = { figures: await servePhase(request.context, (url, figures) => void send({ type: 'ready', url, figures }), stopped) };
    }
    await send({ type: 'done', ...done, maxRssKb: process.resourceUsage().maxRSS });
  } catch (e) {
    await send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  // Exit, rather than wait for handles a phase left open; --cpu-prof still writes its profile.
  process.exit(0);
});
