import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { HandbookError } from '../content/entry-error.ts';
import { CliError } from './cli-error.ts';

/** One command-line option. */
export interface CliOption {
  type: 'string' | 'boolean';
  description: string;
  required?: boolean;
  /** Repeatable. */
  multiple?: boolean;
}

/** What `--help` prints and how arguments are read. */
export interface CliSpec {
  /** The npm script name. */
  name: string;
  summary: string;
  options: Record<string, CliOption>;
  /** Words taken as positional arguments, shown in the usage line (e.g. "add <name>"). */
  positionals?: string;
  examples: string[];
}

export type CliValues = Record<string, string | boolean | string[] | undefined>;

/** The text `--help` prints. */
export function helpText(spec: CliSpec): string {
  const width = Math.max(4, ...Object.keys(spec.options).map((k) => k.length + (spec.options[k]!.type === 'string' ? 8 : 0)));
  const lines = Object.entries(spec.options).map(([k, o]) => {
    const flag = `--${k}${o.type === 'string' ? ' <value>' : ''}`;
    return `  ${flag.padEnd(width + 4)}  ${o.description}${o.required ? ' (required)' : ''}`;
  });
  return [
    `npm run ${spec.name} -- ${spec.positionals ? `${spec.positionals} ` : ''}[options]`,
    '',
    spec.summary,
    '',
    'Options:',
    ...lines,
    `  ${'--help'.padEnd(width + 4)}  print this help`,
    '',
    'Examples:',
    ...spec.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/**
 * Runs a command-line tool: `--help` prints its options and an example; a bad flag or value prints one line
 * saying what to do and exits with code 2; a handbook or settings problem prints its message and exits 1; an
 * unexpected failure prints its message and exits 1. The one wrapper every
 * script in scripts/ uses.
 */
export async function runCli(
  spec: CliSpec,
  main: (values: CliValues, log: (line: string) => void, positionals: string[]) => Promise<void> | void,
  argv = process.argv.slice(2),
): Promise<void> {
  const log = (line: string) => console.error(line);
  let values: CliValues;
  let positionals: string[];
  try {
    const options = Object.fromEntries(
      Object.entries(spec.options).map(([k, o]) => [k, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }]),
    ) as Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean' } },
      allowPositionals: spec.positionals !== undefined,
      strict: true,
    });
    values = parsed.values as CliValues;
    positionals = parsed.positionals;
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!.replace(/^Unknown option '(.+?)'.*$/, 'unknown option $1');
    console.error(`${spec.name}: ${message}; see npm run ${spec.name} -- --help`);
    process.exitCode = 2;
    return;
  }
  if (values['help']) {
    console.log(helpText(spec));
    return;
  }
  const missing = Object.entries(spec.options).find(([k, o]) => o.required && values[k] === undefined);
  if (missing) {
    console.error(`${spec.name}: give --${missing[0]} (${missing[1].description}); for example: ${spec.examples[0]}`);
    process.exitCode = 2;
    return;
  }
  try {
    await main(values, log, positionals);
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`${spec.name}: ${e.message}`);
      process.exitCode = 2;
    } else if (e instanceof HandbookError || e instanceof ConfigError) {
      console.error(e.message);
      process.exitCode = 1;
    } else {
      console.error(`${spec.name} failed: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}
