import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// One jest run over every project gives one summary for unit and integration tests.
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
});
