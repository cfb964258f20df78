import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { DocumentDetail, DocumentType, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { corpusFile, Directory, Route } from '../../test/routing';

/** Every file in the storage folder (content-addressed: one per distinct content). */
function storedFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(name);
    }
  };
  walk(root);
  return found;
}

describe('classified documents and bad uploads leave nothing stored', () => {
  let t: TestApp;
  let route: Route;
  let dir: Directory;
  const fileRows = async () => Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM document_file'))[0].n);

  beforeAll(async () => {
    t = await startTestApp('classified', { signing: 'ec', env: { UPLOAD_MAX_MB: '1' } });
    dir = await Directory.load(t);
    route = new Route(t, dir);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('refuses every path that would put classified content into the system, and stores no file', async () => {
    const before = storedFiles(t.config.storageDir);
    const rowsBefore = await fileRows();
    const drafter = await route.as('tuyduc-nv.chuyenvien1');
    const secret = await route.draft({ securityLevel: SecurityLevel.Confidential, subject: 'Báo cáo tình hình an ninh trật tự quý IV' });
    expect(secret.files).toEqual([]);
    expect(secret.allowedActions).toContain('submit-for-review');

    const upload = await drafter
      .post(`/api/outgoing/${secret.id}/files`)
      .attach('file', corpusFile('pdflib-classic-xref.pdf'), { filename: 'mat.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(upload.body).toMatchObject({ statusCode: 422, code: 'CLASSIFIED_CONTENT' });
    expect(upload.body.message.vi).toContain('Văn bản mật');
    expect(upload.body.message.en).toContain('Classified documents');
    await drafter.post(`/api/outgoing/${secret.id}/files/generate`).send({}).expect(422);

    // A normal draft that holds a file cannot be switched to classified.
    const normal = await route.draft({ file: 'generate' });
    const switched = await drafter.patch(`/api/outgoing/${normal.id}`).send({ securityLevel: SecurityLevel.TopSecret }).expect(422);
    expect(switched.body.code).toBe('CLASSIFIED_CONTENT');
    expect((await drafter.get(`/api/documents/${normal.id}`).expect(200)).body.securityLevel).toBe(SecurityLevel.Normal);

    // Approved: it cannot be signed electronically nor dispatched; the clerk numbers it on paper.
    await route.approve(secret.id);
    const chairman = await route.as('tuyduc.lanhdao');
    expect((await chairman.post(`/api/outgoing/${secret.id}/sign`).send({ pin: '123456' }).expect(422)).body.code).toBe('CLASSIFIED_CONTENT');
    expect((await chairman.post(`/api/outgoing/${secret.id}/sign/prepare`).send({ certificateChainPem: 'x' }).expect(422)).body.code).toBe('CLASSIFIED_CONTENT');
    const clerk = await route.as('tuyduc.vanthu');
    await clerk.post(`/api/outgoing/${secret.id}/issue`).send({}).expect(200);
    const dispatch = await clerk.post(`/api/outgoing/${secret.id}/dispatch`).send({ recipientIds: dir.communeIds() }).expect(422);
    expect(dispatch.body.code).toBe('CLASSIFIED_CONTENT');

    // Incoming: registered as a paper record in the classified register, but no file.
    const communeClerk = await route.as('quangtan.vanthu');
    const received: DocumentDetail = (
      await communeClerk
        .post('/api/incoming')
        .send({
          type: DocumentType.OfficialLetter,
          subject: 'Về công tác bảo vệ bí mật nhà nước',
          urgency: Urgency.Urgent,
          securityLevel: SecurityLevel.Secret,
          senderName: 'Công an huyện Tuy Đức',
          originalSymbol: '45/CAH-ANĐT',
          originalDate: '2026-11-20',
        })
        .expect(201)
    ).body;
    expect(received).toMatchObject({ arrivalNumber: 1, securityLevel: SecurityLevel.Secret });
    const incomingUpload = await communeClerk
      .post(`/api/incoming/${received.id}/files`)
      .attach('file', corpusFile('pdflib-classic-xref.pdf'), { filename: 'mat.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(incomingUpload.body.code).toBe('CLASSIFIED_CONTENT');
    // The normal incoming register is a sequence of its own.
    const open: DocumentDetail = (
      await communeClerk
        .post('/api/incoming')
        .send({ type: DocumentType.Notice, subject: 'Thông báo lịch tiếp công dân', urgency: Urgency.Normal, securityLevel: SecurityLevel.Normal, senderName: 'UBND tỉnh Đắk Nông', originalSymbol: '12/TB-UBND', originalDate: '2026-11-19' })
        .expect(201)
    ).body;
    expect(open.arrivalNumber).toBe(1);

    // The only file stored is the normal draft's generated one.
    expect(storedFiles(t.config.storageDir).length - before.length).toBe(1);
    expect((await fileRows()) - rowsBefore).toBe(1);
  });

  it('refuses bad uploads with a clear 4xx in both languages and stores nothing', async () => {
    const drafter = await route.as('tuyduc-nv.chuyenvien1');
    const draft = await route.draft({ file: 'generate' });
    const before = storedFiles(t.config.storageDir).length;
    const rowsBefore = await fileRows();
    const send = (bytes: Buffer, name: string) => drafter.post(`/api/outgoing/${draft.id}/files`).field('role', 'attachment').attach('file', bytes, { filename: name, contentType: 'application/pdf' });

    const notPdf = await send(corpusFile('not-a-pdf.pdf'), 'ke-hoach.pdf').expect(415);
    expect(notPdf.body).toMatchObject({ code: 'NOT_A_PDF', message: { vi: expect.stringMatching(/PDF/), en: expect.stringMatching(/PDF/) } });
    const encrypted = await send(corpusFile('encrypted-aes256.pdf'), 'encrypted.pdf').expect(422);
    expect(encrypted.body.code).toBe('ENCRYPTED_PDF');
    const truncated = await send(corpusFile('truncated.pdf'), 'truncated.pdf').expect(422);
    expect(truncated.body.code).toBe('DAMAGED_PDF');
    const large = await send(Buffer.concat([corpusFile('pdflib-classic-xref.pdf'), Buffer.alloc(1_200_000, 0x20)]), 'large.pdf').expect(413);
    expect(large.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: { vi: expect.stringContaining('1 MB'), en: expect.stringContaining('1 MB') } });
    const missing = await drafter.post(`/api/outgoing/${draft.id}/files`).field('role', 'attachment').expect(400);
    expect(missing.body.code).toBe('FILE_MISSING');
    // A PDF named .txt is still a PDF: content decides, not the name.
    await send(corpusFile('pdflib-object-streams.pdf'), 'scan.txt').expect(201);

    expect(storedFiles(t.config.storageDir).length - before).toBe(1);
    expect((await fileRows()) - rowsBefore).toBe(1);
    const detail: DocumentDetail = (await drafter.get(`/api/documents/${draft.id}`).expect(200)).body;
    expect(detail.files.map((f) => f.name)).toEqual([expect.stringMatching(/\.pdf$/), 'scan.txt.pdf']);
  });
});
