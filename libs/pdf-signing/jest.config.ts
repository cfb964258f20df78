export default {
  displayName: 'pdf-signing',
  preset: '../../jest.preset.js',
  // The node environment, plus setProcessEnv for native libraries (test/node-environment.js).
  testEnvironment: '<rootDir>/test/node-environment.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/libs/pdf-signing',
  // Tests run real validators (pdfsig, mutool, qpdf, openssl) as processes.
  testTimeout: 60_000,
};
