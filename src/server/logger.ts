import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.ts';

/** Where log lines go. By default JSON lines: errors and worse to stderr, the rest to stdout. */
export interface LoggerOptions {
  level: Config['server']['logLevel'];
  /** Readable lines (pino-pretty) instead of JSON, for a person at a terminal. */
  pretty?: boolean;
  /** Every line to this stream instead (tests capture the log this way). */
  destination?: DestinationStream;
}

/**
 * Body fields and headers a log line must never carry: the question log is the one place questions live, and
 * a cookie or authorization header is nobody's business.
 */
const REDACT = ['body', 'req.body', 'request.body', 'question', '*.question', 'req.headers.cookie', 'req.headers.authorization'];

/**
 * The service's logger: pino JSON lines with `level`, `time` (ISO), and per request `reqId`; errors carry
 * their stack. `HANDBOOK_LOG_LEVEL` sets the level.
 * @example createLogger({ level: 'info', pretty: process.stdout.isTTY })
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  if (options.destination) return pino({ ...base, formatters: { level: (label) => ({ level: label }) } }, options.destination);
  if (options.pretty) {
    // Worker-thread transports; `dedupe` sends an error line to stderr only, not to both.
    const pretty = { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' };
    return pino({
      ...base,
      transport: {
        dedupe: true,
        targets: [
          { target: 'pino-pretty', level: options.level === 'silent' ? 'silent' : options.level, options: { ...pretty, destination: 1 } },
          { target: 'pino-pretty', level: 'error', options: { ...pretty, destination: 2 } },
        ],
      },
    });
  }
  const streams = pino.multistream(
    [
      { level: options.level === 'silent' ? 'fatal' : options.level, stream: pino.destination({ dest: 1, sync: true }) },
      { level: 'error', stream: pino.destination({ dest: 2, sync: true }) },
    ],
    { dedupe: true },
  );
  return pino({ ...base, formatters: { level: (label) => ({ level: label }) } }, streams);
}
