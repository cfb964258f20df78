import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

import { DocumentDetail, DocumentType, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { corpusFile, Directory, hostilePdf, Route } from '../../test/routing';

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

/** A valid PDF whose page content is a 1,000 : 1 Flate bomb (100 MB from ~100 kB). */
function bombPdf(): Buffer {
  const data = deflateSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n${data.toString('latin1')}\nendstream`,
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
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
    const active = await send(await hostilePdf(), 'ke-hoach.pdf').expect(422);
    expect(active.body).toEqual({
      statusCode: 422,
      code: 'ACTIVE_CONTENT',
      message: {
        vi: 'Tệp PDF có nội dung có thể tự chạy nên không được nhận: mã JavaScript; tệp nhúng bên trong. Hãy xuất lại tệp PDF từ Word/LibreOffice (hoặc in ra PDF) rồi tải lên lại.',
        en: 'The PDF holds content that can act on its own, so it is refused: JavaScript; embedded files. Export the PDF again from Word/LibreOffice (or print to PDF) and upload that.',
      },
    });
    const bomb = await send(bombPdf(), 'bom.pdf').expect(422);
    expect(bomb.body).toMatchObject({ code: 'UNSUPPORTED_PDF', message: { vi: expect.stringContaining('bom nén'), en: expect.stringContaining('compression bomb') } });
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

describe('PDFs as the API serves them', () => {
  let t: TestApp;
  let route: Route;

  beforeAll(async () => {
    t = await startTestApp('pdfheaders', { signing: 'ec' });
    route = new Route(t, await Directory.load(t));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('serves a file inline for the viewer and as an attachment for downloads, always in a sandbox that runs nothing', async () => {
    const draft = await route.draft();
    const file = draft.files[0];
    const drafter = await route.as('tuyduc-nv.chuyenvien1');
    const path = `/api/documents/${draft.id}/files/${file.id}/content`;
    const inline = await drafter.get(path).buffer(true).expect(200);
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['content-disposition']).toBe(`inline; filename="K_ ho_ch chuy_n __i s_.pdf"; filename*=UTF-8''${encodeURIComponent('Kế hoạch chuyển đổi số.pdf')}`);
    expect(inline.headers['content-security-policy']).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    const download = await drafter.get(`${path}?download=1`).buffer(true).expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(download.headers['content-security-policy']).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
  });
});
