import { ConfigError, loadConfig } from '@vanthu/server/core';
import { DEMO_SIGNING_PIN, DemoSigningSeed, KeyCustodyError } from '@vanthu/server/signing';
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
  let app;
  try {
    app = await createApp(config);
  } catch (error) {
    // The stored signing keys cannot be opened with this configuration: say what to set, no stack.
    if (error instanceof KeyCustodyError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  // The demo's signing keys (their PIN is printed below) exist only with the development CA.
  const demoSigning = config.seedDemo && config.signing.devPki;
  if (config.seedDemo) await app.get(DemoSeedService).seed();
  if (demoSigning) await app.get(DemoSigningSeed).seed();
  await app.listen(config.port, config.host);
  console.log(`VănThư API listening on ${config.publicUrl}`);
  if (config.seedDemo) console.log(demoLoginTable());
  if (demoSigning) console.log(`  Signing PIN of every leader's signature and every organisation's seal: ${DEMO_SIGNING_PIN}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
