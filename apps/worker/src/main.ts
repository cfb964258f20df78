import { ConfigError, loadConfig } from '@vanthu/server/core';

import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  await createWorker(config);
  console.log('VănThư worker started');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
