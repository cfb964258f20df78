import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// One jest run over every project gives one summary for unit and integration tests.
// testTimeout is a global option: the projects' own values count only when a project runs alone.
// Integration tests start the real API and sign real PDFs; on a loaded 2-core machine a step can
// take several seconds.
export default async (): Promise<Config> => ({
  testTimeout: 60_000,
  projects: await getJestProjectsAsync(),
});
