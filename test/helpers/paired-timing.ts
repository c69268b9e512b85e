/**
 * Whether two kinds of request take the same time, measured so that a loaded machine (several
 * Jest workers and helpers on two cores) does not decide the answer.
 *
 * The requests run in pairs, one of each kind back to back, the order within a pair alternating:
 * both members of a pair meet the same load, so the pair's difference (a − b) cancels the slow
 * drift of the machine, and alternating cancels any first-or-second effect (a warm connection, a
 * batch boundary). The statistic is the median of the differences, which a few requests stalled
 * by the scheduler cannot move; the yardstick is the spread of the same differences
 * (interquartile range), so the bound scales with how noisy this run is rather than being a fixed
 * number of milliseconds.
 *
 * With n pairs, the median of the differences has a standard error of about
 * 1.25 · σ / √n ≈ 0.93 · IQR / √n (σ ≈ IQR / 1.35 for the bulk of the distribution): with the
 * default n = 300 that is 0.054 · IQR. The bound of TIMING_MAX_SHARE = 0.25 · IQR is about 4.6
 * standard errors, so noise alone fails the test far less than once in ten thousand runs, while
 * a systematic difference of a quarter of the spread fails it. The spread is what the machine
 * makes it: a fraction of a millisecond on an idle one, tens of milliseconds with embedded
 * databases and other test runs sharing two cores. There a deliberate 15 ms sleep on the hidden
 * path of node(id)/nodes(ids) was caught (median difference 19 ms against a bound of 11 ms); on
 * a quieter machine far smaller differences are.
 */
export interface PairedTiming {
  /** Median of (a − b) over the pairs, in milliseconds. */
  medianDifference: number;
  /** Interquartile range of (a − b), in milliseconds. */
  spread: number;
  /** Medians of each kind alone, for the message. */
  medianA: number;
  medianB: number;
  pairs: number;
}

const quantile = (sorted: number[], q: number): number => {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
};
const median = (values: number[]) =>
  quantile(
    [...values].sort((x, y) => x - y),
    0.5,
  );

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs `warmUp` pairs (discarded: first compilations, connection set-up, caches) and then `pairs`
 * measured pairs of `a` and `b`, interleaved as described above.
 */
export async function pairedTiming(a: () => Promise<unknown>, b: () => Promise<unknown>, pairs = 300, warmUp = 20): Promise<PairedTiming> {
  const aTimes: number[] = [];
  const bTimes: number[] = [];
  for (let i = 0; i < warmUp + pairs; i++) {
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = await timed(a);
      tb = await timed(b);
    } else {
      tb = await timed(b);
      ta = await timed(a);
    }
    if (i >= warmUp) {
      aTimes.push(ta);
      bTimes.push(tb);
    }
  }
  const differences = aTimes.map((t, i) => t - bTimes[i]).sort((x, y) => x - y);
  return {
    medianDifference: quantile(differences, 0.5),
    spread: quantile(differences, 0.75) - quantile(differences, 0.25),
    medianA: median(aTimes),
    medianB: median(bTimes),
    pairs,
  };
}

/** The bound: the median difference within a quarter of the spread of the differences (see above). */
export const TIMING_MAX_SHARE = 0.25;

/** A one-line account of a measurement, for the test's message and the log. */
export function describeTiming(label: string, t: PairedTiming): string {
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  return `${label}: ${t.pairs} pairs, median a ${ms(t.medianA)}, median b ${ms(t.medianB)}, median(a − b) ${ms(t.medianDifference)}, IQR(a − b) ${ms(t.spread)}, bound ${ms(TIMING_MAX_SHARE * t.spread)}`;
}
