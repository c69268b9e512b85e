import { startProgress } from '../src/cli/progress';

/** How far one benchmark scenario is: steps done out of the steps planned, each named as it ends. */
export interface ScenarioProgress {
  /** One step (a measured run, a query, a format) is done; `detail` names it. */
  step(detail: string): void;
  /** Ends the bar or the lines with the scenario's summary and elapsed time. */
  finish(summary?: string): void;
}

/**
 * Progress of a benchmark scenario on standard error (the figures stay on standard output): a bar
 * with steps done, rate and time left in a terminal, plain lines off one (src/cli/progress.ts).
 */
export function scenarioProgress(label: string, total: number, unit = 'runs'): ScenarioProgress {
  const progress = startProgress(label, unit);
  let done = 0;
  progress.update(0, total);
  return {
    step(detail) {
      progress.update(++done, undefined, detail);
    },
    finish(summary) {
      progress.finish(summary ?? `${done}/${total} ${unit} done`);
    },
  };
}

/**
 * Progress over time for a run of fixed duration (a load test): a step per elapsed second, so the
 * bar fills as the run goes. Stop it when the run ends.
 */
export function timedProgress(label: string, seconds: number): { stop(summary?: string): void } {
  const progress = scenarioProgress(label, Math.max(1, Math.round(seconds)), 's');
  let elapsed = 0;
  const timer = setInterval(() => {
    if (elapsed < seconds) progress.step(`${++elapsed} s of ${Math.round(seconds)} s`);
  }, 1000);
  timer.unref();
  return {
    stop(summary) {
      clearInterval(timer);
      progress.finish(summary);
    },
  };
}
