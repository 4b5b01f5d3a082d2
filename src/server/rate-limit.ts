/**
 * Fixed-window request counter per client address: at most `limit` requests
 * in each minute. Small and in memory, enough for one commune service.
 */
export function createRateLimiter(limit: number, windowMs = 60_000) {
  const windows = new Map<string, { start: number; count: number }>();
  return (client: string, now = Date.now()): boolean => {
    const w = windows.get(client);
    if (!w || now - w.start >= windowMs) {
      if (windows.size > 10_000) windows.clear();
      windows.set(client, { start: now, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= limit;
  };
}
