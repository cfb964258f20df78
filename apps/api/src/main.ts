import { ConfigError, loadConfig } from '@vanthu/server/core';
import { DEMO_SIGNING_PIN, DemoSigningSeed } from '@vanthu/server/signing';
import { demoLoginTable, DemoSeedService } from '@vanthu/server/organisations';

import { createApp } from './bootstrap';

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
  const app = await createApp(config);
  if (config.seedDemo) {
    await app.get(DemoSeedService).seed();
    await app.get(DemoSigningSeed).seed();
  }
  await app.listen(config.port, config.host);
  console.log(`VănThư API listening on ${config.publicUrl}`);
  if (config.seedDemo) {
    console.log(demoLoginTable());
    console.log(`  Signing PIN of every leader's signature and every organisation's seal: ${DEMO_SIGNING_PIN}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
