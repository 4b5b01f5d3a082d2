import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/server/question-log.ts';
import { ROOT } from '../support/paths.ts';

/**
 * Whether the tests may set the immutable flag here (root, on ext4, xfs or btrfs): the one way to make a file
 * unwritable for root, as a read-only file is for the user the service runs as.
 */
function canMakeImmutable(): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'handbook-chattr-'));
  const probe = path.join(dir, 'probe');
  writeFileSync(probe, '');
  const ok = spawnSync('chattr', ['+i', probe]).status === 0;
  spawnSync('chattr', ['-i', probe]);
  rmSync(dir, { recursive: true, force: true });
  return ok;
}

const chattr = (flag: '+i' | '-i', file: string) => spawnSync('chattr', [flag, file], { stdio: 'ignore' });

/** The real service (tests/support/service-process.ts) in a child process, over `dataDir`. */
function runService(dataDir: string) {
  const child = spawn(process.execPath, ['tests/support/service-process.ts', dataDir, '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  /** The service's address once it listens, or undefined when it exits first. */
  const listening = (async () => {
    let running = true;
    void exited.then(() => (running = false));
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && running;) {
      const line = /^\{"url".*$/m.exec(output)?.[0];
      if (line) return (JSON.parse(line) as { url: string }).url;
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
  })();
  return { child, listening, exited, output: () => output };
}

const ask = (url: string) =>
  fetch(`${url}api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question": "dang ky khai tu"}' }).then(
    async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }),
    (e: unknown) => ({ status: 0, body: { failure: String((e as Error).cause ?? e) } }),
  );

describe.skipIf(!canMakeImmutable())('a question log whose -shm file cannot be written', () => {
  let dataDir: string;
  let shm: string;
  let service: ReturnType<typeof runService> | undefined;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-shm-'));
    shm = path.join(dataDir, 'questions.sqlite-shm');
  });
  afterEach(async () => {
    if (service?.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    chattr('-i', shm);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('while the service runs: it keeps answering, counts the writes as failed naming the file, and stops with exit 0', async () => {
    service = runService(dataDir);
    const url = await service.listening;
    expect(url, service.output()).toBeDefined();
    expect(await ask(url!)).toMatchObject({ status: 200, body: { questionId: expect.any(Number) as unknown } });

    // SQLite maps the -shm file into memory: once the file cannot be written, touching the mapping killed the service (SIGBUS).
    expect(chattr('+i', shm).status).toBe(0);
    const answer = await ask(url!);
    const died = await Promise.race([service.exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), 300))]);
    expect(died, 'the service died').toBe('alive');
    expect(answer).toMatchObject({ status: 200, body: { status: 'answered', questionId: null, feedbackToken: null } });
    const health = (await (await fetch(`${url}api/health`)).json()) as Record<string, unknown>;
    expect(health['questionLog']).toEqual({ ok: false, failures: 1, waiting: 0 });

    service.child.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.output()).toContain(
      `${shm} cannot be written (EPERM); SQLite needs to write it beside the question log ${path.join(dataDir, 'questions.sqlite')}: let the user the service runs as write it (chown, chmod, and chattr -i if lsattr shows the i flag), or set HANDBOOK_DATA_DIR to a folder it can write`,
    );
  });

  it('at start: the start stops with one message naming the file and what to do', async () => {
    new QuestionLog(path.join(dataDir, 'questions.sqlite')).close();
    // What a killed service leaves beside the log, here unwritable for the user the service runs as.
    await writeFile(shm, '');
    expect(chattr('+i', shm).status).toBe(0);
    service = runService(dataDir);
    expect(await service.listening, 'the service started with a log it cannot write').toBeUndefined();
    expect(await service.exited).toEqual({ code: 1, signal: null });
    expect(service.output()).toContain(
      `QuestionLogError: ${shm} cannot be written (EPERM); SQLite needs to write it beside the question log ${path.join(dataDir, 'questions.sqlite')}: let the user the service runs as write it (chown, chmod, and chattr -i if lsattr shows the i flag), or set HANDBOOK_DATA_DIR to a folder it can write`,
    );
  });
});
