import { fork, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PhaseMessage, PhaseRequest } from './bench-child.ts';
import { TreeMemoryMonitor } from './process-monitor.ts';
import { mb, type Figures } from './stats.ts';

const CHILD = fileURLToPath(new URL('./bench-child.ts', import.meta.url));

/** How a phase child is started. */
export interface PhaseOptions {
  /** Its stdout and stderr go here (appended), so a failure can show its last lines. */
  logFile: string;
  timeoutMs: number;
  /** Extra Node flags (`--expose-gc`, `--cpu-prof`, `--max-old-space-size`). */
  execArgv?: string[];
}

/** A running phase child. */
export interface PhaseHandle {
  pid: number;
  /** The serve phase's address, once it listens. */
  ready: Promise<{ url: string; figures: Figures }>;
  done: Promise<{ figures: Figures; top?: string[] | undefined; peakRssMb: number }>;
  /** Asks the serve phase to close and exit. */
  stop: () => void;
}

/** A phase that did not finish: timed out, ran out of memory, or threw. The message says where and with what. */
export class PhaseError extends Error {
  override name = 'PhaseError';
}

/** The last lines of a log file, for a failure message. */
export function tail(file: string, lines = 8): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Starts one phase (bench-child.ts) in a child process, watching its memory and its time. */
export function startPhase(request: PhaseRequest, options: PhaseOptions): PhaseHandle {
  const out = openSync(options.logFile, 'a');
  const started = performance.now();
  const child = fork(CHILD, [], { execArgv: [...process.execArgv, ...(options.execArgv ?? [])], stdio: ['ignore', out, out, 'ipc'] });
  closeSync(out);
  const monitor = new TreeMemoryMonitor(child.pid!);
  let resolveReady!: (v: { url: string; figures: Figures }) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<{ url: string; figures: Figures }>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  ready.catch(() => {});
  const done = new Promise<{ figures: Figures; top?: string[] | undefined; peakRssMb: number }>((resolve, reject) => {
    let result: Extract<PhaseMessage, { type: 'done' }> | undefined;
    let failure: string | undefined;
    const seconds = () => Math.round((performance.now() - started) / 1000);
    const memory = () => `RSS ${mb(monitor.lastRssKb * 1024)} MB, peak ${monitor.peakMb()} MB`;
    const timer = setTimeout(() => {
      monitor.sample();
      failure = `timed out after ${seconds()} s (${memory()})`;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('message', (m: PhaseMessage) => {
      monitor.sample();
      if (m.type === 'ready') resolveReady({ url: m.url, figures: m.figures });
      else if (m.type === 'done') result = m;
      else failure = m.message.split('\n').slice(0, 6).join('\n');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      monitor.stop();
      if (result)
        return resolve({ figures: result.figures, top: result.top, peakRssMb: Math.max(mb(result.maxRssKb * 1024), monitor.peakMb()) });
      const why = failure ?? `exited (${signal ?? `code ${code}`}) after ${seconds()} s (${memory()}):\n${tail(options.logFile)}`;
      const error = new PhaseError(`${request.phase}: ${why}`);
      rejectReady(error);
      reject(error);
    });
    child.send(request);
  });
  return { pid: child.pid!, ready, done, stop: () => child.connected && child.send('stop') };
}

/** Runs a phase that needs nothing from the parent while it runs. */
export function runPhase(request: PhaseRequest, options: PhaseOptions) {
  return startPhase(request, options).done;
}

/**
 * Runs a command (the site build) with its memory watched: wall time, the peak of its process tree, exit code.
 * Killed when it takes longer than `timeoutMs`.
 */
export function runMeasured(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number },
) {
  return new Promise<{ ms: number; peakRssMb: number; code: number | null; timedOut: boolean }>((resolve, reject) => {
    const out = openSync(options.logFile, 'a');
    const started = performance.now();
    // Its own process group, so a timeout ends its helpers (esbuild) too.
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, out], detached: true });
    closeSync(out);
    const monitor = new TreeMemoryMonitor(child.pid!);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      monitor.stop();
      resolve({ ms: Math.round(performance.now() - started), peakRssMb: monitor.peakMb(), code, timedOut });
    });
  });
}
