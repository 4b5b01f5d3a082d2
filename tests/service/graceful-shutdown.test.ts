import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.ts';

interface Child {
  process: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts tests/support/service-process.ts and waits for its address. */
async function startChild(dataDir: string, slowMs: number, settings: Record<string, string> = {}): Promise<Child> {
  const child = spawn(process.execPath, ['tests/support/service-process.ts', dataDir, String(slowMs), JSON.stringify(settings)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!/^\{"url"/m.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the service did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = (JSON.parse(/^\{"url".*$/m.exec(output)![0]) as { url: string }).url;
  return { process: child, url, output: () => output, exited };
}

const ask = (url: string, question: string) =>
  fetch(`${url}api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) }).then(
    async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }),
    (e: unknown) => ({ status: 0, body: { failure: String((e as Error).cause ?? e) } }),
  );

/** True when nothing accepts connections on the URL's port any more. */
const refuses = (url: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(true));
  });

describe('stopping the service with SIGTERM', () => {
  let dataDir: string;
  let child: Child | undefined;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-shutdown-'));
  });
  afterEach(async () => {
    if (child && child.process.exitCode === null) child.process.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the answers in flight, takes no new connections, closes the question log and exits 0', async () => {
    child = await startChild(dataDir, 1500);
    const inFlight = Array.from({ length: 8 }, () => ask(child!.url, 'dang ky khai tu'));
    await new Promise((r) => setTimeout(r, 500));
    child.process.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    expect(await refuses(child.url)).toBe(true);

    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    for (const a of answers) expect(a.body).toMatchObject({ status: 'answered', questionId: expect.any(Number) as unknown });
    expect(await child.exited).toBe(0);
    expect(child.output()).toContain('SIGTERM: finishing the requests in flight, then stopping\nstopped\n');

    // Every answered question reached the log before it was closed.
    const db = new DatabaseSync(path.join(dataDir, 'questions.sqlite'), { readOnly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM questions').get()).toEqual({ n: 8 });
    db.close();
  });

  it('waits at most HANDBOOK_SHUTDOWN_TIMEOUT for a request that does not finish, then exits 0', async () => {
    child = await startChild(dataDir, 30_000, { HANDBOOK_SHUTDOWN_TIMEOUT: '1' });
    const stuck = ask(child.url, 'dang ky khai tu');
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect((await stuck).status).toBe(0);
    expect(child.output()).toContain('stopped; 1 connections were still busy after the shutdown timeout and were closed');
  });
});
