import { DevAuthorityEntity, inTransaction, SigningCredentialEntity } from '@vanthu/server/data-access';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';

import { CredentialMaterial, resealMaterial } from './credential-material';
import { KeyRing } from './key-ring';

/** How many rows of key material each key-encryption key sealed (`null`: stored before sealing). */
export interface SealedCounts {
  credentials: Map<string | null, number>;
  authorities: Map<string | null, number>;
}

export async function sealedCounts(manager: EntityManager): Promise<SealedCounts> {
  const count = async (table: string) => {
    const rows: Array<{ kek_id: string | null; n: string | number }> = await manager.query(`SELECT kek_id, COUNT(*) AS n FROM ${table} GROUP BY kek_id`);
    return new Map(rows.map((r) => [r.kek_id, Number(r.n)]));
  };
  return { credentials: await count('signing_credential'), authorities: await count('dev_authority') };
}

/**
 * Why this process cannot use the keys the database holds, or null when it can: rows sealed under
 * a key it was not given, or rows stored before sealing while it has no key to seal them with.
 */
export function custodyProblem(counts: SealedCounts, ring: KeyRing, kekSource: string | null): string | null {
  const missing = new Set<string>();
  let unsealed = 0;
  for (const map of [counts.credentials, counts.authorities]) {
    for (const [id, n] of map) {
      if (id === null) unsealed += n;
      else if (!ring.has(id)) missing.add(id);
    }
  }
  const where = 'set SIGNING_KEK or SIGNING_KEK_FILE (docs/deploy.md, "Signing keys")';
  if (missing.size) {
    const have = ring.configured ? `this process has ${ring.ids.join(', ')} (from ${kekSource})` : 'this process has none';
    return `Signing keys in the database are sealed with key-encryption key(s) ${[...missing].join(', ')}, and ${have}: ${where} to the key(s) they were sealed with.`;
  }
  if (unsealed && !ring.configured) {
    return `${unsealed} signing key(s) in the database are stored without a key-encryption key: ${where}; they are sealed when the API starts.`;
  }
  return null;
}

type MaterialRow = CredentialMaterial & { id: number };

/**
 * Re-seals every row not sealed under the ring's current key (after a new key was put first) and
 * seals rows stored before sealing (only those with `onlyUnsealed`, as the API does on start: a
 * process started with an older configuration must still open what the others hold). Row by row, each in its own short transaction with the row
 * locked, so running APIs keep signing meanwhile and two runs at once do each row once.
 */
export async function resealAll(dataSource: DataSource, ring: KeyRing, options: { onlyUnsealed?: boolean } = {}): Promise<{ credentials: number; authorities: number }> {
  const current = ring.currentId;
  if (!current) throw new Error('No key-encryption key is configured (SIGNING_KEK or SIGNING_KEK_FILE)');
  const stale = options.onlyUnsealed ? [IsNull()] : [IsNull(), Not(current)];
  let credentials = 0;
  const credentialIds = (await dataSource.getRepository(SigningCredentialEntity).find({ select: { id: true }, where: stale.map((kekId) => ({ kekId })) })).map((r) => r.id);
  for (const id of credentialIds) {
    const done = await inTransaction(dataSource, async (manager) => {
      const row = (await manager
        .getRepository(SigningCredentialEntity)
        .createQueryBuilder('c')
        .addSelect(['c.pkcs12', 'c.pinWrap', 'c.pendingSecret'])
        .setLock('pessimistic_write')
        .where('c.id = :id', { id })
        .getOne()) as MaterialRow | null;
      if (!row || row.kekId === current || (options.onlyUnsealed && row.kekId !== null)) return false;
      const m = resealMaterial(ring, row);
      await manager.update(SigningCredentialEntity, { id }, { pkcs12: m.pkcs12, kekId: m.kekId, pinWrap: m.pinWrap, pendingSecret: m.pendingSecret });
      return true;
    });
    if (done) credentials += 1;
  }
  let authorities = 0;
  const authorityIds = (await dataSource.getRepository(DevAuthorityEntity).find({ select: { id: true }, where: stale.map((kekId) => ({ kekId })) })).map((r) => r.id);
  for (const id of authorityIds) {
    const done = await inTransaction(dataSource, async (manager) => {
      const row = await manager.getRepository(DevAuthorityEntity).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
      if (!row || row.kekId === current || (options.onlyUnsealed && row.kekId !== null)) return false;
      const json = row.kekId === null ? Buffer.from(row.bundle, 'utf8') : ring.open(Buffer.from(row.bundle, 'base64'), 'dev-authority');
      await manager.update(DevAuthorityEntity, { id }, { bundle: ring.seal(json, 'dev-authority').toString('base64'), kekId: current });
      return true;
    });
    if (done) authorities += 1;
  }
  return { credentials, authorities };
}
