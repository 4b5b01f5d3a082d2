import type { RunningService } from './start-service.ts';

/**
 * Stops the service cleanly on SIGTERM or SIGINT (a process manager's stop, Ctrl-C): no new connections,
 * requests in flight answered (bounded by `HANDBOOK_SHUTDOWN_TIMEOUT`), the question log closed, exit 0.
 * A second signal while stopping exits at once with code 1.
 */
export function stopOnSignals(service: Pick<RunningService, 'close'>, log: (line: string) => void = console.log): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: stopping now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: finishing the requests in flight, then stopping`);
    service.close().then(
      (cut) => {
        if (cut > 0) log(`stopped; ${cut} connections were still busy after the shutdown timeout and were closed`);
        else log('stopped');
        process.exit(0);
      },
      (e: unknown) => {
        console.error(`the service did not stop cleanly: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
