export default {
  displayName: 'server-records',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // Rendering embeds font subsets and runs pdftotext: seconds on a loaded 2-core machine.
  testTimeout: 60_000,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../../coverage/libs/server/records',
};
