import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, IocAccounts, USERS_FILE, verifyPassword } from '../../src/ioc/accounts.ts';
import { IocSessions, SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/ioc/sessions.ts';
import { ROOT } from '../support/paths.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-accounts-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('passwords', () => {
  it('are stored as salted scrypt hashes, never twice the same, and checked in constant time', async () => {
    const a = await hashPassword('mật khẩu rất dài');
    const b = await hashPassword('mật khẩu rất dài');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu rất dài', a)).toBe(true);
    expect(await verifyPassword('mat khau rat dai', a)).toBe(false);
  });

  it('match however the Vietnamese marks were typed (composed or combining)', async () => {
    const stored = await hashPassword('mật khẩu rất dài'.normalize('NFC'));
    expect(await verifyPassword('mật khẩu rất dài'.normalize('NFD'), stored)).toBe(true);
  });
});

describe('IocAccounts', () => {
  it('has no accounts (the dashboard is off) until one is added, then keeps names and hashes only', async () => {
    const accounts = new IocAccounts(dataDir);
    expect(accounts.users()).toBeUndefined();
    await accounts.add('lan.nguyen', 'correct horse battery staple');
    const file = JSON.parse(await readFile(path.join(dataDir, USERS_FILE), 'utf8'));
    expect(Object.keys(file.users[0]).sort()).toEqual(['created', 'hash', 'name']);
    expect(JSON.stringify(file)).not.toContain('correct horse');
    expect((await stat(path.join(dataDir, USERS_FILE))).mode & 0o777).toBe(0o600);
    expect(await accounts.verify('lan.nguyen', 'correct horse battery staple')).toBe(true);
    expect(await accounts.verify('lan.nguyen', 'wrong')).toBe(false);
    expect(await accounts.verify('nobody', 'correct horse battery staple')).toBe(false);
  });

  it('refuses a short password, one containing the name, a bad name and a second account of the same name', async () => {
    const accounts = new IocAccounts(dataDir);
    await expect(accounts.add('lan', 'short')).rejects.toThrow(
      'the password is too short; write at least 12 characters (a few words make a good one)',
    );
    await expect(accounts.add('lan.nguyen', 'lan.nguyen-2026!')).rejects.toThrow(
      'the password contains the user name; choose one that does not',
    );
    await expect(accounts.add('Lan Nguyen', 'correct horse battery')).rejects.toThrow(
      'the name "Lan Nguyen" cannot be used: write a name of 2 to 40 lowercase letters, digits, ".", "_" or "-", e.g. "lan.nguyen"',
    );
    await accounts.add('lan', 'correct horse battery');
    await expect(accounts.add('lan', 'another long password')).rejects.toThrow(
      'an account named "lan" exists already; remove it first (npm run ioc:user -- remove lan) to set a new password',
    );
  });
});

describe('IocSessions', () => {
  it('ends a session after 2 hours unused or 12 hours in all, and at sign-out', () => {
    let now = 0;
    const sessions = new IocSessions(() => now);
    const { token, session } = sessions.create('lan');
    expect(sessions.get(token)).toBe(session);
    now += SESSION_IDLE_MS - 1;
    expect(sessions.get(token)).toBe(session);
    now += SESSION_IDLE_MS + 1;
    expect(sessions.get(token)).toBeUndefined();

    now = 0;
    const long = sessions.create('lan');
    for (now = 0; now <= SESSION_MAX_MS; now += SESSION_IDLE_MS / 2) expect(sessions.get(long.token)).toBe(long.session);
    now = SESSION_MAX_MS + 1;
    expect(sessions.get(long.token)).toBeUndefined();

    const ended = sessions.create('lan');
    sessions.end(ended.token);
    expect(sessions.get(ended.token)).toBeUndefined();
    expect(sessions.get('made-up')).toBeUndefined();
  });
});

describe('npm run ioc:user', () => {
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['scripts/ioc-user.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      input,
      env: { ...process.env, HANDBOOK_DATA_DIR: dataDir },
      timeout: 60_000,
    });

  it('adds an account with the password from standard input, lists it and removes it', () => {
    expect(run(['list']).stdout).toBe('No accounts: the IOC dashboard is off. Create one with npm run ioc:user -- add <name>\n');
    const added = run(['add', 'lan.nguyen'], 'correct horse battery staple\n');
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toBe('Account "lan.nguyen" created. Sign in at /ioc/ on the handbook site.\n');
    expect(run(['list']).stdout).toMatch(/^lan\.nguyen {2}\(created \d{4}-\d\d-\d\d\)\n$/);
    expect(run(['remove', 'lan.nguyen']).stdout).toBe('Account "lan.nguyen" removed; its sessions end at their next request.\n');
  });

  it('says what to do in one line, with exit code 2, for bad input', () => {
    const cases: [string[], string | undefined, string][] = [
      [['add', 'lan'], 'short\n', 'ioc:user: the password is too short; write at least 12 characters (a few words make a good one)'],
      [['add', 'lan'], '', 'ioc:user: no password on standard input; type it at a terminal, or pipe it as the first line'],
      [['remove', 'nobody'], undefined, 'ioc:user: no account is named "nobody"; see npm run ioc:user -- list'],
      [['frob'], undefined, 'ioc:user: "frob" is not a command: write add <name>, list, or remove <name>'],
      [[], undefined, 'ioc:user: write add <name>, list, or remove <name>'],
    ];
    for (const [args, input, message] of cases) {
      const out = run(args, input);
      expect(out.status, args.join(' ')).toBe(2);
      expect(out.stderr.trim().split('\n')).toEqual([message]);
    }
  });

  it.runIf(spawnSync('python3', ['--version']).status === 0)('asks for the password twice at a terminal without showing it', () => {
    // A pseudo-terminal, as a person at the server has: the script must not echo what is typed.
    const driver = `
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execve(sys.argv[1], [sys.argv[1], 'scripts/ioc-user.ts', 'add', 'minh'], dict(os.environ, HANDBOOK_DATA_DIR=sys.argv[2]))
out = b''
def read_until(marker):
    global out
    while marker not in out:
        out += os.read(fd, 1024)
read_until(b'not shown): ')
os.write(fd, b'secret words here\\r')
read_until(b'again: ')
os.write(fd, b'secret words here\\r')
try:
    while True:
        chunk = os.read(fd, 1024)
        if not chunk: break
        out += chunk
except OSError:
    pass
os.waitpid(pid, 0)
sys.stdout.write(out.decode())
`;
    const out = spawnSync('python3', ['-c', driver, process.execPath, dataDir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(out.stdout).toContain('Password for minh (at least 12 characters, not shown): ');
    expect(out.stdout).toContain('Account "minh" created.');
    expect(out.stdout).not.toContain('secret words');
  });
});
