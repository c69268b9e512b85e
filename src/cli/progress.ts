import { SingleBar } from 'cli-progress';
import { readSetting, SETTINGS } from '../common/config';

/** How often a non-terminal output gets a progress line (a CI log stays short). */
const PLAIN_INTERVAL_MS = readSetting(SETTINGS.progressIntervalMs);

export interface Progress {
  /** Sets how many elements are done (and the total, once it is known). */
  update(done: number, total?: number): void;
  /** Ends the bar or the periodic lines and prints the summary: totals and elapsed time. */
  finish(summary: string): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Progress of a long job on standard error: a bar with done/total, rate and time left when it is
 * a terminal; otherwise plain lines without control characters every few seconds. The summary
 * line is printed either way, so a log always ends with the totals and the elapsed time.
 */
export function startProgress(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  let total = 0;
  let done = 0;
  let bar: SingleBar | undefined;
  let lastLine = 0;
  const plainLine = () => {
    const elapsed = performance.now() - started;
    const rate = done / Math.max(elapsed / 1000, 0.001);
    const left = total && rate > 0 ? ` — about ${seconds(((total - done) / rate) * 1000)} left` : '';
    stream.write(`${label}: ${done}${total ? `/${total}` : ''} ${unit} (${Math.round(rate)} ${unit}/s)${left}\n`);
    lastLine = performance.now();
  };
  return {
    update(value, newTotal) {
      done = value;
      if (newTotal !== undefined) total = newTotal;
      if (stream.isTTY) {
        if (!bar) {
          // Without a total (a streamed export), a counter and the rate: there is no end to show.
          const format = total
            ? `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | {eta_formatted} left`
            : `${label} {value} ${unit} | {rate} ${unit}/s`;
          bar = new SingleBar({ format, stream, hideCursor: true, etaBuffer: 20 });
          bar.start(total, done, { rate: 0 });
        }
        bar.setTotal(total);
        bar.update(done, { rate: Math.round(done / Math.max((performance.now() - started) / 1000, 0.001)) });
      } else if (performance.now() - lastLine >= PLAIN_INTERVAL_MS || (lastLine === 0 && done === 0)) {
        plainLine();
      }
    },
    finish(summary) {
      bar?.stop();
      stream.write(`${label}: ${summary} in ${seconds(performance.now() - started)}\n`);
    },
  };
}
