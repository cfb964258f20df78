import { randomBytes } from 'node:crypto';

import { ConfigError, loadConfig } from '@vanthu/server/core';
import { dataSourceOptions } from '@vanthu/server/data-access';
import { DataSource } from 'typeorm';

import { custodyProblem, resealAll, sealedCounts } from '../lib/keys/key-custody';
import { KeyRing } from '../lib/keys/key-ring';

/**
 * `npm run -s signing -- generate-kek | status | rotate-kek`: the key-encryption keys that seal the
 * server-held signing keys (docs/deploy.md, "Signing keys"). Reads the same environment as the API.
 */
const USAGE = `Cách dùng / Usage:
  npm run -s signing -- generate-kek   một khóa mới (32 byte ngẫu nhiên, base64) / a new key (32 random bytes, base64)
  npm run -s signing -- status         khóa nào niêm phong bao nhiêu khóa ký / which key seals how many signing keys
  npm run -s signing -- rotate-kek     niêm phong lại mọi khóa ký bằng khóa đầu tiên của SIGNING_KEK(_FILE)
                                       re-seal every signing key under the first key of SIGNING_KEK(_FILE)`;

export async function runSigningCli(args: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command] = args;
  if (command === 'generate-kek') {
    out(randomBytes(32).toString('base64'));
    return 0;
  }
  if (command !== 'status' && command !== 'rotate-kek') {
    out(USAGE);
    return 2;
  }
  const config = loadConfig();
  const ring = new KeyRing(config.signing.keks);
  const dataSource = new DataSource(dataSourceOptions(config, { migrationsRun: false }));
  await dataSource.initialize();
  try {
    const before = await sealedCounts(dataSource.manager);
    const describe = (counts: typeof before) =>
      [...counts.credentials, ...counts.authorities]
        .reduce((all, [id, n]) => all.set(id, (all.get(id) ?? 0) + n), new Map<string | null, number>())
        .forEach((n, id) =>
          out(`  ${id ?? '(chưa niêm phong / not sealed)'}: ${n}${id && ring.has(id) ? (id === ring.currentId ? '  ← khóa hiện tại / current' : '  (đã cấu hình / configured)') : id ? '  (CHƯA cấu hình / NOT configured)' : ''}`),
        );
    out(`Khóa niêm phong đã cấu hình / configured keys: ${ring.ids.join(', ') || '—'}${config.signing.kekSource ? ` (${config.signing.kekSource})` : ''}`);
    describe(before);
    if (command === 'status') return custodyProblem(before, ring, config.signing.kekSource) ? 1 : 0;
    const problem = custodyProblem(before, ring, config.signing.kekSource);
    if (problem) {
      out(problem);
      return 1;
    }
    const done = await resealAll(dataSource, ring);
    out(`Đã niêm phong lại / re-sealed: ${done.credentials} credential(s), ${done.authorities} development CA`);
    describe(await sealedCounts(dataSource.manager));
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

if (process.argv[1] === __filename) {
  runSigningCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(error instanceof ConfigError ? 78 : 4);
    },
  );
}
