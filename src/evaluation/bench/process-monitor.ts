import { readFileSync } from 'node:fs';
import { mb } from './stats.ts';

/** Resident and peak memory of one process, in kB, from /proc (Linux); undefined once it has exited. */
export function processMemory(pid: number): { rssKb: number; hwmKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    const rssKb = field('VmRSS');
    return Number.isNaN(rssKb) ? undefined : { rssKb, hwmKb: field('VmHWM') };
  } catch {
    return undefined;
  }
}

/** The process and its descendants, from /proc/<pid>/task/<tid>/children. */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      out.push(...readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    } catch {
      // Gone, or no children file: nothing below it.
    }
  }
  return out;
}

/**
 * Samples the memory of a process tree every `intervalMs` until stopped: the kernel's own peak (VmHWM) of the
 * main process, and the largest sum of resident memory over the whole tree (an astro build's esbuild helper,
 * for example), so a phase's peak is known even when it is killed.
 */
export class TreeMemoryMonitor {
  /** Largest VmHWM seen of the main process, kB. */
  mainPeakKb = 0;
  /** Largest sampled sum of VmRSS over the tree, kB. */
  treePeakKb = 0;
  /** Last sampled VmRSS of the main process, kB. */
  lastRssKb = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly pid: number;

  constructor(pid: number, intervalMs = 200) {
    this.pid = pid;
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  sample(): void {
    const main = processMemory(this.pid);
    if (!main) return;
    this.lastRssKb = main.rssKb;
    this.mainPeakKb = Math.max(this.mainPeakKb, main.hwmKb);
    const tree = processTree(this.pid).reduce((sum, p) => sum + (p === this.pid ? main.rssKb : (processMemory(p)?.rssKb ?? 0)), 0);
    this.treePeakKb = Math.max(this.treePeakKb, tree);
  }

  /** Peak of the tree in MB: the larger of the main process's own peak and the largest sampled tree sum. */
  peakMb(): number {
    return mb(Math.max(this.mainPeakKb, this.treePeakKb) * 1024);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
