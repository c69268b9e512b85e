import { SingleBar } from 'cli-progress';
import { readSetting, SETTINGS } from '../common/config';
import type { MigrationProgress } from '../db/database';

/** How often a non-terminal output gets a progress line (a CI log stays short). */
const PLAIN_INTERVAL_MS = readSetting(SETTINGS.progressIntervalMs);

export interface Progress {
  /** Sets how many elements are done (and the total, once it is known); `detail` names the last one done. */
  update(done: number, total?: number, detail?: string): void;
  /** Ends the bar or the periodic lines and prints the summary: totals and elapsed time. */
  finish(summary: string): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Progress of a long job on standard error: a bar with done/total, rate and time left when it is
 * a terminal; otherwise plain lines without control characters every few seconds. The summary
 * line is printed either way, so a log always ends with the totals and the elapsed time.
 */
export function startProgress(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr, options: { lineEachUpdate?: boolean } = {}): Progress {
  const started = performance.now();
  let total = 0;
  let done = 0;
  let bar: SingleBar | undefined;
  let lastLine = 0;
  let detail = '';
  // Rates below 10 per second (migrations, benchmark scenarios) keep a decimal.
  const rateOf = (elapsed: number) => {
    const rate = done / Math.max(elapsed / 1000, 0.001);
    return rate >= 10 || rate === 0 ? String(Math.round(rate)) : rate.toFixed(2);
  };
  const plainLine = () => {
    const elapsed = performance.now() - started;
    const rate = done / Math.max(elapsed / 1000, 0.001);
    const left = total && rate > 0 ? ` — about ${seconds(((total - done) / rate) * 1000)} left` : '';
    stream.write(`${label}: ${done}${total ? `/${total}` : ''} ${unit} (${rateOf(elapsed)} ${unit}/s)${left}${detail ? ` — ${detail}` : ''}\n`);
    lastLine = performance.now();
  };
  return {
    update(value, newTotal, newDetail) {
      done = value;
      if (newTotal !== undefined) total = newTotal;
      if (newDetail !== undefined) detail = newDetail;
      if (stream.isTTY) {
        if (!bar) {
          // Without a total (a streamed export), a counter and the rate: there is no end to show.
          const format = total
            ? `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | {eta_formatted} left{detail}`
            : `${label} {value} ${unit} | {rate} ${unit}/s{detail}`;
          bar = new SingleBar({ format, stream, hideCursor: true, etaBuffer: 20 });
          bar.start(total, done, { rate: 0, detail: '' });
        }
        bar.setTotal(total);
        bar.update(done, { rate: rateOf(performance.now() - started), detail: detail ? ` | ${detail}` : '' });
      } else if (options.lineEachUpdate || performance.now() - lastLine >= PLAIN_INTERVAL_MS || (lastLine === 0 && done === 0)) {
        plainLine();
      }
    },
    finish(summary) {
      bar?.stop();
      stream.write(`${label}: ${summary} in ${seconds(performance.now() - started)}\n`);
    },
  };
}

/**
 * Migration progress for `migrate(db, progress)`: nothing when fewer than `atLeast` migrations are
 * pending (an up-to-date database starts silently), otherwise a bar, or a plain line per migration
 * naming it once applied, and a summary line.
 */
export function migrationProgress(label: string, atLeast = 1, stream: NodeJS.WriteStream = process.stderr): MigrationProgress & { finish(): void } {
  let progress: Progress | undefined;
  let applied = 0;
  return {
    pending(total) {
      if (total < atLeast || total === 0) return;
      // Migrations are few and each is a step worth a line, so off a terminal each gets one.
      progress = startProgress(label, 'migrations', stream, { lineEachUpdate: true });
      progress.update(0, total);
    },
    applied(done, name) {
      applied = done;
      progress?.update(done, undefined, name);
    },
    finish() {
      progress?.finish(`${applied} migrations applied`);
    },
  };
}
