import { clearState, loadState } from './harness';
import { tearDown } from './infrastructure';

/** Stops the API and drops the run's database and Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const state = loadState();
  if (!state) return;
  await tearDown(state);
  clearState();
}
