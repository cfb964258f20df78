'use strict';
// Jest's node environment with one function more, `setProcessEnv(name, value)`, which sets a
// variable of the worker process itself. Native libraries loaded in the worker read the real
// environment with getenv (SoftHSM2 reads SOFTHSM2_CONF), and jest gives each test file only a
// copy of process.env.
const { TestEnvironment } = require('jest-environment-node');

class ProcessEnvEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.setProcessEnv = (name, value) => {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    };
  }
}

module.exports = ProcessEnvEnvironment;
