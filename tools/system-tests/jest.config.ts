/**
 * Tests of whole installations: a fresh clone started with `npm start`, and two APIs and two
 * workers behind nginx. They run the built apps (dist/), one file at a time, after the unit,
 * integration and browser tests (tools/scripts/test.sh); the root jest run leaves them out.
 */
export default {
  displayName: 'system-tests',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.system-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 15 * 60_000,
  maxWorkers: 1,
};
