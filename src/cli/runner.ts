import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from '../common/config';

/** One flag of a command, as `--help` shows it and `node:util` parseArgs reads it. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in the help as `--flag VALUE`. */
  value?: string;
  default?: string | boolean;
  short?: string;
  /** May be repeated (values are collected into a list). */
  multiple?: boolean;
}

export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** A command line program: what it is, what it takes, and the work it does. */
export interface CommandSpec {
  /** The npm script that runs it (`npm run <name>`). */
  name: string;
  summary: string;
  flags: Record<string, FlagSpec>;
  positionals?: PositionalSpec[];
  /** At least one example, as an operator would type it. */
  examples: string[];
  /** Extra lines at the end of the help (where the data goes, what to stop first). */
  notes?: string;
  /** Errors the operator can fix, printed as they are (ConfigError always is). */
  operatorErrors?: Array<abstract new (...args: never[]) => Error>;
  run(args: { values: FlagValues; positionals: string[] }): Promise<void> | void;
}

/** Wrong use of a command: names the flag or argument; the runner adds the help hint. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The text `--help` prints: usage, arguments, flags with defaults, examples. */
export function helpText(spec: Omit<CommandSpec, 'run'>): string {
  const positionals = (spec.positionals ?? []).map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`)).join(' ');
  const lines = [`npm run ${spec.name} -- ${[positionals, '[flags]'].filter(Boolean).join(' ')}`, '', spec.summary, ''];
  if (spec.positionals?.length) {
    lines.push('Arguments:');
    for (const p of spec.positionals) lines.push(`  ${p.name.padEnd(22)}${p.description}${p.required ? ' (required)' : ''}`);
    lines.push('');
  }
  lines.push('Flags:');
  const flags = { ...spec.flags, help: { type: 'boolean', short: 'h', description: 'print this help and exit' } as FlagSpec };
  const rows = Object.entries(flags).map(([name, flag]) => {
    const head = `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : ''}`;
    const extra = [flag.multiple ? 'repeatable' : '', flag.default !== undefined && flag.default !== false ? `default: ${flag.default}` : '']
      .filter(Boolean)
      .join('; ');
    return [head, `${flag.description}${extra ? ` (${extra})` : ''}`];
  });
  const width = Math.max(...rows.map(([head]) => head.length)) + 2;
  for (const [head, text] of rows) lines.push(`  ${head.padEnd(width)}${text}`);
  lines.push('', spec.examples.length > 1 ? 'Examples:' : 'Example:', ...spec.examples.map((e) => `  ${e}`));
  if (spec.notes) lines.push('', spec.notes);
  return `${lines.join('\n')}\n`;
}

/** Turns parseArgs's own error into one line that names the flag or argument. */
function usageMessage(error: Error & { code?: string }): string {
  const flag = /'(-{1,2}[^'\s]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag ${flag ?? error.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message) ? `${flag ?? 'a flag'} needs a value` : `${flag ?? 'a flag'} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']+)'/.exec(error.message)?.[1] ?? ''}`.trim();
    default:
      return error.message.split('\n')[0];
  }
}

/**
 * Reads a command line against `spec` (strict: an unknown flag is wrong use). Prints the help and
 * returns undefined for `--help`; prints one line naming what is wrong, with the help hint, sets
 * exit code 2 and returns undefined for wrong use. Shared by the commands and the benchmarks.
 */
export function readCommandLine(
  spec: Omit<CommandSpec, 'run'>,
  argv: string[] = process.argv.slice(2),
): { values: FlagValues; positionals: string[] } | undefined {
  try {
    const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }> = {
      help: { type: 'boolean', short: 'h' },
    };
    for (const [name, f] of Object.entries(spec.flags)) {
      options[name] = { type: f.type };
      if (f.short) options[name].short = f.short;
      if (f.multiple) options[name].multiple = true;
      if (f.default !== undefined) options[name].default = f.default;
    }
    const parsed = parseArgs({ args: argv, options, allowPositionals: Boolean(spec.positionals?.length), strict: true }) as {
      values: FlagValues;
      positionals: string[];
    };
    if (parsed.values.help) {
      process.stdout.write(helpText(spec));
      return undefined;
    }
    const max = spec.positionals?.length ?? 0;
    if (parsed.positionals.length > max) throw new UsageError(`unexpected argument ${parsed.positionals[max]}`);
    const missing = (spec.positionals ?? []).find((p, i) => p.required && parsed.positionals[i] === undefined);
    if (missing) throw new UsageError(`missing argument <${missing.name}>`);
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError) && !/^ERR_PARSE_ARGS_/.test(String((error as { code?: string }).code))) throw error;
    const message = error instanceof UsageError ? error.message : usageMessage(error as Error);
    process.stderr.write(`${spec.name}: ${message}; run with --help\n`);
    process.exitCode = 2;
    return undefined;
  }
}

/**
 * Runs a command: strict flag parsing, `--help`, and one-line answers for wrong use (exit 2) and
 * for problems the operator must fix (exit 1); any other failure is one line too, prefixed "failed".
 */
export function runCommand(spec: CommandSpec, argv: string[] = process.argv.slice(2)): void {
  const fail = (line: string, code: number) => {
    process.stderr.write(`${spec.name}: ${line}\n`);
    process.exitCode = code;
  };
  const parsed = readCommandLine(spec, argv);
  if (!parsed) return;
  Promise.resolve()
    .then(() => spec.run(parsed))
    .catch((error: Error) => {
      if (error instanceof UsageError) return fail(`${error.message}; run with --help`, 2);
      const known = error instanceof ConfigError || (spec.operatorErrors ?? []).some((type) => error instanceof type);
      const message = String((error as Error)?.message ?? error).split('\n')[0];
      // One line either way (a stack trace helps nobody at a terminal, and could echo a setting).
      return fail(known ? message : `failed: ${message}`, 1);
    })
    .finally(() => {
      // A database pool or a Redis client left open must not keep a failed command alive.
      if (process.exitCode) setTimeout(() => process.exit(), 100).unref();
    });
}

/**
 * Runs a program that is not a command (the server's entry point, the benchmarks): a failure
 * prints one line and exits 1. A ConfigError is printed as it is; anything else after `prefix`,
 * or with its stack when `stack` is set (benchmarks are run by developers).
 */
export function runMain(main: () => Promise<void>, options: { prefix?: string; stack?: boolean } = {}): void {
  main().catch((error: unknown) => {
    const message = error instanceof ConfigError ? error.message : `${options.prefix ?? 'failed'}: ${(error as Error)?.message ?? error}`;
    process.stderr.write(options.stack && !(error instanceof ConfigError) ? `${(error as Error)?.stack ?? message}\n` : `${message.split('\n')[0]}\n`);
    process.exit(1);
  });
}
