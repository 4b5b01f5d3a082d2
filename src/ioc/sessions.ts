import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A signed-in IOC team member. */
export interface IocSession {
  user: string;
  /** The token every form of the session carries (CSRF); compared with {@link sameToken}. */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
}

/** How long a session lasts without use, and at most. */
export const SESSION_IDLE_MS = 2 * 3_600_000;
export const SESSION_MAX_MS = 12 * 3_600_000;
/** Sessions kept at once; the oldest go first beyond it. */
const MAX_SESSIONS = 1000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Compares two tokens in constant time. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sessions of the IOC dashboard, kept in the service's memory (a restart signs everyone out): the browser holds a
 * random token in an HttpOnly cookie, the server only its SHA-256. A session ends after
 * {@link SESSION_IDLE_MS} without use, {@link SESSION_MAX_MS} after sign-in, at sign-out, or when its account is
 * removed.
 */
export class IocSessions {
  private readonly sessions = new Map<string, IocSession>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Starts a session; returns the token for the cookie. */
  create(user: string): { token: string; session: IocSession } {
    this.prune();
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: IocSession = { user, csrf: randomBytes(32).toString('base64url'), createdAt: at, lastSeenAt: at };
    this.sessions.set(digest(token), session);
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return { token, session };
  }

  /** The live session of a cookie token, marked as used; undefined when there is none or it expired. */
  get(token: string | undefined): IocSession | undefined {
    if (!token) return undefined;
    const key = digest(token);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > SESSION_IDLE_MS || at - session.createdAt > SESSION_MAX_MS) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  /** Ends a session. */
  end(token: string | undefined): void {
    if (token) this.sessions.delete(digest(token));
  }

  /** Ends every session of a user (an account that no longer exists). */
  endAllOf(user: string): void {
    for (const [key, s] of this.sessions) if (s.user === user) this.sessions.delete(key);
  }

  private prune(): void {
    const at = this.now();
    for (const [key, s] of this.sessions) {
      if (at - s.lastSeenAt > SESSION_IDLE_MS || at - s.createdAt > SESSION_MAX_MS) this.sessions.delete(key);
    }
  }
}
