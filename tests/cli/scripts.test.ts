import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.ts';

const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { scripts: Record<string, string> };
/** The npm scripts that run one of the project's own command-line tools. */
const tools = Object.entries(pkg.scripts).filter(([, cmd]) => /^node scripts\/[\w-]+\.ts$/.test(cmd));

const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });

describe('every command-line tool', () => {
  it.each(tools)('answers npm run %s -- --help with its usage, options and an example', (name, cmd) => {
    const out = run([cmd.replace(/^node /, ''), '--help']);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain(`npm run ${name} --`);
    expect(out.stdout).toMatch(/Options:\n/);
    expect(out.stdout).toMatch(/Examples:\n {2}\S/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(tools)('rejects an unknown flag of npm run %s in one line, with exit code 2', (name, cmd) => {
    const out = run([cmd.replace(/^node /, ''), '--no-such-flag']);
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toEqual([`${name}: unknown option --no-such-flag; see npm run ${name} -- --help`]);
  });

  it('covers every script file in scripts/', () => {
    const files = readdirSync(path.join(ROOT, 'scripts')).filter((f) => f.endsWith('.ts') && !f.startsWith('.'));
    const wired = new Set(tools.map(([, cmd]) => path.basename(cmd.replace(/^node /, ''))));
    // make-tiny-model and make-icons are maintenance tools run with node directly; they take no options.
    expect(files.filter((f) => !wired.has(f)).sort()).toEqual(['make-icons.ts', 'make-tiny-model.ts']);
  });
});

describe('a machine whose own Node is older than the project needs', () => {
  it('runs the npm scripts on the Node the project installs (node package), whatever the machine has', () => {
    const pinned = spawnSync(path.join(ROOT, 'node_modules/.bin/node'), ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const [major, minor] = pinned.stdout.trim().split('.').map(Number);
    expect(major! > 22 || (major === 22 && minor! >= 12)).toBe(true);
  });

  // CI's machine has Node 20 as /usr/bin/node with its npm: the README's commands must work with it.
  it.runIf(existsSync('/usr/bin/npm'))('runs npm run check with the system npm and Node only on PATH', () => {
    const out = spawnSync('/usr/bin/npm', ['run', '--silent', 'check', '--', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root' },
      timeout: 60_000,
    });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('npm run check --');
  });
});
