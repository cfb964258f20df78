import { PageText } from '@vanthu/server/documents';
import { DocumentDetail, DocumentStatus, SecurityLevel } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { DEMO_PIN, Directory, Route } from '../../test/routing';

const CONCURRENT = 200;

/**
 * Copies a signed document's rows (not its file: copies share the stored bytes, which are
 * content-addressed) so that many documents wait for issuing at once.
 */
async function cloneSigned(dataSource: DataSource, id: number, copies: number): Promise<number[]> {
  const ids: number[] = [];
  await dataSource.transaction(async (manager) => {
    for (let i = 0; i < copies; i++) {
      const result = await manager.query(
        `INSERT INTO document (organisation_id, direction, type, status, subject, urgency, security_level, drafting_unit_id, created_by, signer_id,
                               signing_line, signed_at, signature_placement, search_text, listed_at, version)
         SELECT organisation_id, direction, type, status, CONCAT(subject, ' (', ?, ')'), urgency, security_level, drafting_unit_id, created_by, signer_id,
                signing_line, signed_at, signature_placement, search_text, listed_at, 1
           FROM document WHERE id = ?`,
        [i + 2, id],
      );
      const copy = Number(result.insertId);
      await manager.query(
        `INSERT INTO document_file (document_id, role, position, name, sha256, size, version, current, stage, signature_count, verification, verified_at, created_by)
         SELECT ?, role, position, name, sha256, size, version, current, stage, signature_count, verification, verified_at, created_by
           FROM document_file WHERE document_id = ? AND current = 1`,
        [copy, id],
      );
      ids.push(copy);
    }
  });
  return ids;
}

describe('numbering from the register under concurrency (real MariaDB row locks)', () => {
  let t: TestApp;
  let route: Route;

  beforeAll(async () => {
    t = await startTestApp('issuing', { signing: 'ec', env: { DB_POOL_SIZE: '30' } });
    route = new Route(t, await Directory.load(t));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it(`gives ${CONCURRENT} concurrent issue requests ${CONCURRENT} distinct consecutive numbers`, async () => {
    const first = await route.draft({ file: 'generate' });
    await route.approve(first.id);
    await route.sign(first.id);
    const ids = [first.id, ...(await cloneSigned(t.app.get(DataSource), first.id, CONCURRENT - 1))];

    const clerk = await route.as('tuyduc.vanthu');
    const responses = await Promise.all(ids.map((id) => clerk.post(`/api/outgoing/${id}/issue`).send({ pin: DEMO_PIN })));
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const issued = responses.map((r) => r.body as DocumentDetail);
    const numbers = issued.map((d) => d.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: CONCURRENT }, (_, i) => i + 1));
    expect(new Set(issued.map((d) => d.symbol)).size).toBe(CONCURRENT);
    expect(issued.every((d) => d.status === DocumentStatus.Issued && d.symbol === `${String(d.number).padStart(2, '0')}/KH-UBND`)).toBe(true);

    // The register holds exactly the last number, and each issued file carries the seal.
    const [register] = await t.app.get(DataSource).query("SELECT last_number FROM register WHERE kind = 'outgoing-normal'");
    expect(Number(register.last_number)).toBe(CONCURRENT);
    const unsealed = await t.app.get(DataSource).query(
      "SELECT COUNT(*) AS n FROM document_file WHERE current = 1 AND role = 'main' AND document_id IN (?) AND (stage <> 'issued' OR signature_count <> 2)",
      [ids],
    );
    expect(Number(unsealed[0].n)).toBe(0);
  }, 240_000);

  it('numbers classified documents in their own register, on paper, without the seal', async () => {
    const clerk = await route.as('tuyduc.vanthu');
    const secret = await route.draft({ securityLevel: SecurityLevel.Secret, subject: 'Phương án bảo vệ bí mật nhà nước năm 2026' });
    await route.approve(secret.id);
    const preview = (await clerk.get(`/api/outgoing/${secret.id}/issue-preview`).expect(200)).body;
    expect(preview.number).toBe(1);
    const issued: DocumentDetail = (await clerk.post(`/api/outgoing/${secret.id}/issue`).send({}).expect(200)).body;
    expect(issued).toMatchObject({ number: 1, status: DocumentStatus.Issued, files: [] });
    const [normal] = await t.app.get(DataSource).query("SELECT last_number FROM register WHERE kind = 'outgoing-normal'");
    expect(Number(normal.last_number)).toBe(CONCURRENT);
  });

  it('refuses a wrong seal PIN without using up a number', async () => {
    const draft = await route.draft({ file: 'generate' });
    await route.approve(draft.id);
    await route.sign(draft.id);
    const clerk = await route.as('tuyduc.vanthu');
    const before = (await clerk.get(`/api/outgoing/${draft.id}/issue-preview`).expect(200)).body.number;
    const refused = await clerk.post(`/api/outgoing/${draft.id}/issue`).send({ pin: '000000' }).expect(400);
    expect(refused.body.code).toBe('WRONG_PIN');
    expect((await clerk.get(`/api/outgoing/${draft.id}/issue-preview`).expect(200)).body.number).toBe(before);
    const issued: DocumentDetail = (await clerk.post(`/api/outgoing/${draft.id}/issue`).send({ pin: DEMO_PIN }).expect(200)).body;
    expect(issued.number).toBe(before);
  });

  /** Makes pdf.js wait, once entered, until the test releases it; returns what to await and how to release. */
  function holdPdfJs() {
    const pageText = t.app.get(PageText);
    const read = pageText.pageItems.bind(pageText);
    let entered!: () => void;
    const reading = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(pageText, 'pageItems').mockImplementation(async (pdf, page) => {
      entered();
      await released;
      return read(pdf, page);
    });
    return { reading, release, restore: () => spy.mockRestore() };
  }

  it('finds the leader’s signing place with pdf.js before the transaction: while it reads, the document is not locked', async () => {
    const draft = await route.draft();
    await route.approve(draft.id);
    const held = holdPdfJs();
    try {
      const signing = (await route.as('tuyduc.lanhdao')).post(`/api/outgoing/${draft.id}/sign`).send({ pin: DEMO_PIN }).then((r) => r);
      await held.reading;
      await t.app.get(DataSource).transaction((manager) => manager.query('SELECT id FROM document WHERE id = ? FOR UPDATE NOWAIT', [draft.id]));
      held.release();
      expect((await signing).status).toBe(200);
    } finally {
      held.release();
      held.restore();
    }
  });

  it('reads the main file with pdf.js before the transaction: while it reads, neither the document nor the register is locked', async () => {
    const draft = await route.draft({ file: 'generate' });
    await route.approve(draft.id);
    await route.sign(draft.id);
    const pageText = t.app.get(PageText);
    const read = pageText.pageItems.bind(pageText);
    let entered!: () => void;
    const reading = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // A PDF that keeps pdf.js busy: the read starts, then waits until the test has looked at the locks.
    const spy = jest.spyOn(pageText, 'pageItems').mockImplementation(async (pdf, page) => {
      entered();
      await released;
      return read(pdf, page);
    });
    try {
      const clerk = await route.as('tuyduc.vanthu');
      const issuing = clerk.post(`/api/outgoing/${draft.id}/issue`).send({ pin: DEMO_PIN }).then((r) => r);
      await reading;
      const dataSource = t.app.get(DataSource);
      // NOWAIT: a lock held by the issuing request would fail these at once.
      await dataSource.transaction(async (manager) => {
        await manager.query('SELECT id FROM document WHERE id = ? FOR UPDATE NOWAIT', [draft.id]);
        await manager.query("SELECT id FROM register WHERE kind = 'outgoing-normal' FOR UPDATE NOWAIT");
      });
      release();
      const response = await issuing;
      expect(response.status).toBe(200);
      expect((response.body as DocumentDetail).status).toBe(DocumentStatus.Issued);
    } finally {
      release();
      spy.mockRestore();
    }
  });
});
