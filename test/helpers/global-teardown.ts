import { removeTemplate } from './test-databases';

/** Removes the run's template database (the test files' own copies are removed by each file). */
export default async function globalTeardown(): Promise<void> {
  await removeTemplate();
}
