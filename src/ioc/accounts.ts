import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';

/** The accounts file, in the data folder (`HANDBOOK_DATA_DIR`). */
export const USERS_FILE = 'ioc-users.json';

/** The command that creates an account; every message that says "no account" shows it. */
export const ADD_USER_COMMAND = 'npm run ioc:user -- add <name>';

/** Shortest password accepted. */
export const MIN_PASSWORD = 12;

/**
 * scrypt cost: 16 MiB and about 50 ms per check, inside Node's default scrypt memory cap. Each hash stores its own
 * cost, so raising it later only needs new passwords.
 */
const COST = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_BYTES = 64;

/** A user name: what officers of the IOC team type to sign in. */
export const UserNameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, {
  message: 'write a name of 2 to 40 lowercase letters, digits, ".", "_" or "-", e.g. "lan.nguyen"',
});

const UserSchema = z.object({
  name: UserNameSchema,
  /** `scrypt$N$r$p$salt$key`, salt and key in base64. */
  hash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/),
  created: z.string(),
});

const UsersFileSchema = z.object({ users: z.array(UserSchema) });

/** One account of the IOC dashboard. */
export type IocUser = z.output<typeof UserSchema>;

/** A problem with the accounts file or an account request; the message says what to do. */
export class AccountError extends Error {
  override name = 'AccountError';
}

const derive = (password: string, salt: Buffer, cost: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    // NFC: the same password typed with another Vietnamese input method (composed or combining marks) still matches.
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, cost, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** A salted scrypt hash of a password, as the accounts file stores it. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored` (compared in constant time). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, key] = stored.split('$');
  const expected = Buffer.from(key ?? '', 'base64');
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Checked against when the name is unknown, so a wrong name takes as long as a wrong password. */
const DUMMY_HASH = ['scrypt', COST.N, COST.r, COST.p, Buffer.alloc(16).toString('base64'), Buffer.alloc(KEY_BYTES).toString('base64')].join(
  '$',
);

/**
 * The IOC dashboard's accounts, kept in `ioc-users.json` in the data folder (created by `npm run ioc:user`):
 * names and salted scrypt hashes, nothing else. The file is read again whenever it changes, so an account added or
 * removed while the service runs counts at once. No file means the dashboard is off.
 */
export class IocAccounts {
  readonly file: string;
  private cached: { stamp: string; users: IocUser[] } | undefined;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, USERS_FILE);
  }

  /** The accounts, or undefined when the file does not exist (the dashboard is off). */
  users(): IocUser[] | undefined {
    let stamp: string;
    try {
      const s = statSync(this.file);
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new AccountError(`the accounts file ${this.file} cannot be read (${(e as Error).message}); check its permissions`, {
        cause: e,
      });
    }
    if (this.cached?.stamp === stamp) return this.cached.users;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (e) {
      throw new AccountError(
        `the accounts file ${this.file} is not valid JSON (${(e as Error).message}); move it aside and create the accounts again with ${ADD_USER_COMMAND}`,
        { cause: e },
      );
    }
    const parsed = UsersFileSchema.safeParse(data);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || 'file').join(', ');
      throw new AccountError(
        `the accounts file ${this.file} has unexpected content (${where}); move it aside and create the accounts again with ${ADD_USER_COMMAND}`,
      );
    }
    this.cached = { stamp, users: parsed.data.users };
    return parsed.data.users;
  }

  /** True when an account of that name exists. */
  has(name: string): boolean {
    return (this.users() ?? []).some((u) => u.name === name);
  }

  /** True when the name and password belong to an account; takes as long for an unknown name. */
  async verify(name: string, password: string): Promise<boolean> {
    const user = (this.users() ?? []).find((u) => u.name === name);
    const ok = await verifyPassword(password, user?.hash ?? DUMMY_HASH);
    return ok && user !== undefined;
  }

  /** Creates an account (and the file, readable by this user only). */
  async add(name: string, password: string): Promise<void> {
    const checked = UserNameSchema.safeParse(name);
    if (!checked.success) throw new AccountError(`the name "${name}" cannot be used: ${checked.error.issues[0]!.message}`);
    if ([...password].length < MIN_PASSWORD)
      throw new AccountError(`the password is too short; write at least ${MIN_PASSWORD} characters (a few words make a good one)`);
    if (password.toLowerCase().includes(name)) throw new AccountError('the password contains the user name; choose one that does not');
    const users = this.users() ?? [];
    if (users.some((u) => u.name === name))
      throw new AccountError(
        `an account named "${name}" exists already; remove it first (npm run ioc:user -- remove ${name}) to set a new password`,
      );
    this.save([...users, { name, hash: await hashPassword(password), created: new Date().toISOString() }]);
  }

  /** Removes an account; false when there was none of that name. */
  remove(name: string): boolean {
    const users = this.users() ?? [];
    if (!users.some((u) => u.name === name)) return false;
    this.save(users.filter((u) => u.name !== name));
    return true;
  }

  /** Writes the file beside and renames it over, so a reader never sees half of it. */
  private save(users: IocUser[]): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
    this.cached = undefined;
  }
}
