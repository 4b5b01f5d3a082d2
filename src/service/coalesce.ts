/**
 * Runs `task` after a burst of calls settles (`waitMs` without a new call), never twice at once: calls that arrive
 * while it runs make it run once more afterwards. Saving fifty files at once costs one or two runs, not fifty.
 */
export function coalesce(task: () => Promise<void>, waitMs: number): { schedule: () => void; idle: () => Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await task();
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = undefined;
    }
  };
  return {
    schedule: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), waitMs);
    },
    idle: async () => {
      clearTimeout(timer);
      await running;
    },
  };
}
