import { CommandSpec, readCommandLine, runMain } from '../src/cli/runner';

/** A setting a benchmark reads from the environment, as its `--help` lists it. */
export interface BenchSetting {
  variable: string;
  default: string;
  description: string;
}

export interface BenchSpec extends Omit<CommandSpec, 'run' | 'flags' | 'notes'> {
  flags?: CommandSpec['flags'];
  /** The benchmarks take their knobs from the environment (so `npm run bench` can pass them on). */
  settings: BenchSetting[];
}

/**
 * Runs a benchmark as the commands run: `--help` lists its flags, its settings with their defaults
 * and an example; an unknown flag is one line with the help hint and exit code 2. A failure prints
 * its stack (benchmarks are run by developers).
 */
export function runBench(spec: BenchSpec, main: () => Promise<void>): void {
  const width = Math.max(...spec.settings.map((s) => s.variable.length)) + 2;
  const notes = [
    'Settings (environment variables):',
    ...spec.settings.map((s) => `  ${s.variable.padEnd(width)}${s.description} (default: ${s.default})`),
  ].join('\n');
  if (!readCommandLine({ ...spec, flags: spec.flags ?? {}, notes })) return;
  runMain(main, { stack: true });
}
