/**
 * A fixed-window counter per key (an IP address), held in this process. It slows password
 * guessing from one address; the per-address lockout in the database is what stops it.
 */
export function createRateLimiter(options: { limit: number; windowMs: number }) {
  const windows = new Map<string, { started: number; count: number }>();
  return {
    /** Counts one attempt; false once the key has used up its window. */
    take(key: string, now = Date.now()): boolean {
      const w = windows.get(key);
      if (!w || now - w.started >= options.windowMs) {
        if (windows.size > 10_000) {
          for (const [k, v] of windows) if (now - v.started >= options.windowMs) windows.delete(k);
        }
        windows.set(key, { started: now, count: 1 });
        return true;
      }
      w.count += 1;
      return w.count <= options.limit;
    },
  };
}
