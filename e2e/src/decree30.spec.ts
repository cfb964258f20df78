import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { Download, Page } from '@playwright/test';
import { Workbook } from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { PDFDocument, StandardFonts } from 'pdf-lib';

import { expect, SCREENSHOT_DIR, test } from '../support/fixtures';
import { callApi, closeAll, logInAs, PEOPLE, Person, SIGNING_PIN, vietnamDay } from '../support/people';

// Issue 15: what Decree 30/2020 asks of an e-office, through the screens. The district sends a
// document to Quảng Tâm (never Quảng Tân: document-route.spec.ts counts that clerk's unread
// notifications) and follows it there: receipt notices and reminders, the register book, the
// handling slip, comments and the result, filing and the file's export, the access log.

const QT = { clerk: 'quangtam.vanthu', leader: 'quangtam.lanhdao', handler: 'quangtam.chuyenvien1' } as const;
const QT_NAME = 'UBND xã Quảng Tâm';
const HANDLER_NAME = 'Huỳnh Văn Tài';
const TOKEN = `ND30${Date.now().toString(36).slice(-5).toUpperCase()}`;
const SUBJECT = `Kiểm tra công tác văn thư, lưu trữ năm 2026 tại xã (${TOKEN})`;
const INSTRUCTIONS = 'Giao công chức văn phòng chủ trì, báo cáo kết quả trước hạn.';

interface Detail {
  id: number;
  symbol: string | null;
  arrivalNumber: number | null;
  files: Array<{ id: number; name: string; sha256: string }>;
  deliveries: Array<{ recipient: { name: string }; incomingDocumentId: number | null }>;
}

/** A small PDF with one line of text per page. */
async function pdfOf(...pages: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (const text of pages) doc.addPage([595.28, 841.89]).drawText(text, { x: 90, y: 760, size: 14, font });
  return Buffer.from(await doc.save());
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdfText = (path: string, ...args: string[]) => execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' });

/** The first page of a PDF as e2e/screenshots/<name>.png, to look at. */
function screenshotOfPdf(path: string, name: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path, resolve(SCREENSHOT_DIR, name)]);
}

/**
 * Where the text of a PDF's first page lies, in mm from the page's edges (poppler's word boxes):
 * Decree 30/2020 (Appendix I) asks for left 30–35 mm, right 15–20 mm, top and bottom 20–25 mm;
 * only the page number sits in the bottom margin.
 */
function expectDecree30Margins(path: string): void {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
  const [width, height] = [/<page width="([\d.]+)"/, /height="([\d.]+)"/].map((re) => Number(html.match(re)?.[1]));
  const words = [...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ box: m.slice(1, 5).map(Number), text: m[5] }));
  const mm = (pt: number) => (pt * 25.4) / 72;
  const body = words.filter((w) => mm(height - w.box[3]) >= 15);
  expect(mm(Math.min(...words.map((w) => w.box[0])))).toBeGreaterThanOrEqual(29.9);
  expect(mm(width - Math.max(...words.map((w) => w.box[2])))).toBeGreaterThanOrEqual(14.9);
  expect(mm(Math.min(...words.map((w) => w.box[1])))).toBeGreaterThanOrEqual(19.5);
  expect(mm(height - Math.max(...body.map((w) => w.box[3])))).toBeGreaterThanOrEqual(19.5);
  // Below that, only "Trang 1/N".
  expect(words.filter((w) => mm(height - w.box[3]) < 19.5).map((w) => w.text).join(' ')).toMatch(/^Trang 1\/\d+$/);
}

async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download: file, path: await file.path() };
}

async function unread(person: Person): Promise<number> {
  return (await callApi<{ unreadCount: number }>(person.page, 'GET', '/api/notifications/unread-count')).unreadCount;
}

test('Decree 30 in the e-office: receipt notices, register book, handling slip, comments and result, filing, access log', async ({ browser, baseURL }) => {
  test.setTimeout(420_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  const districtClerk = await logInAs(browser, base, PEOPLE.districtClerk);
  const qtClerk = await logInAs(browser, base, QT.clerk);
  const qtLeader = await logInAs(browser, base, QT.leader);
  const handler = await logInAs(browser, base, QT.handler);
  // The Quảng Tân clerk is only watched: nothing here may reach them.
  const quangTanClerk = await logInAs(browser, base, PEOPLE.qtClerk);
  const people = [drafter, chairman, districtClerk, qtClerk, qtLeader, handler, quangTanClerk];
  try {
    const quangTanUnread = await unread(quangTanClerk);

    // Arranged through the API the screens use: drafted, approved and signed by the chairman, issued, dispatched to Quảng Tâm only.
    const organisations = await callApi<{ id: number; name: string }[]>(drafter.page, 'GET', '/api/organisations');
    const quangTam = organisations.find((o) => o.name === QT_NAME);
    expect(quangTam).toBeDefined();
    const members = await callApi<{ id: number; username: string }[]>(drafter.page, 'GET', `/api/organisations/${organisations[0].id}/members`);
    const chairmanId = members.find((m) => m.username === PEOPLE.chairman)?.id;
    const draft = await callApi<{ id: number }>(drafter.page, 'POST', '/api/outgoing', {
      type: 'ke-hoach',
      subject: SUBJECT,
      urgency: 'thuong',
      securityLevel: 'thuong',
      recipientIds: [quangTam?.id],
      signerId: chairmanId,
      signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/files/generate`, { body: ['Kính gửi UBND xã Quảng Tâm.', 'Đề nghị xã chuẩn bị hồ sơ kiểm tra.'] });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/submit`, { reviewerIds: [chairmanId] });
    await callApi(chairman.page, 'POST', `/api/outgoing/${draft.id}/review`, { decision: 'approve' });
    await callApi(chairman.page, 'POST', `/api/outgoing/${draft.id}/sign`, { pin: SIGNING_PIN });
    await callApi(districtClerk.page, 'POST', `/api/outgoing/${draft.id}/issue`, { pin: SIGNING_PIN });
    const sent = await callApi<Detail>(districtClerk.page, 'POST', `/api/outgoing/${draft.id}/dispatch`, {});
    const copyId = sent.deliveries.find((d) => d.recipient.name === QT_NAME)?.incomingDocumentId as number;
    expect(copyId).toBeTruthy();
    expect(sent.deliveries).toHaveLength(1);
    const symbol = sent.symbol as string;
    let arrival = 0;

    await test.step('receipt notices: the sender sees the copy unopened, reminds once, is refused a second time, then sees it registered with its arrival number', async () => {
      const page = districtClerk.page;
      await page.goto(`/outgoing/${draft.id}`);
      const row = page.getByTestId('deliveries').locator(`tr[data-recipient="${QT_NAME}"]`);
      await expect(row.getByTestId('delivery-status')).toHaveText('Đã gửi đến');
      await expect(row.getByTestId('delivery-steps')).not.toContainText('· Mở');

      await row.getByTestId('delivery-remind').click();
      await expect(page.locator('[matsnackbarlabel]')).toContainText('Đã gửi lời nhắc tới nơi nhận.');
      await expect(row.getByTestId('delivery-steps')).toContainText('Đã nhắc');
      await row.getByTestId('delivery-remind').click();
      await expect(page.getByTestId('action-error')).toContainText(/Bạn đã gửi quá nhiều yêu cầu nhắc mở văn bản trong thời gian ngắn\. Vui lòng thử lại sau (59|60) phút\./);

      // Quảng Tâm's clerk was reminded, then registers the copy through the dialog.
      await expect.poll(async () => (await callApi<{ items: { title: { vi: string } }[] }>(qtClerk.page, 'GET', '/api/notifications?limit=50')).items.map((n) => n.title.vi), { timeout: 30_000 }).toContain(
        `Nhắc mở văn bản đến: ${symbol}`,
      );
      await qtClerk.page.goto(`/incoming/${copyId}`);
      await qtClerk.page.getByTestId('actions').getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
      await qtClerk.page.getByRole('dialog').getByTestId('register-confirm').click();
      await expect(qtClerk.page.getByTestId('document-status')).toHaveText('Đã vào sổ');
      arrival = Number((await qtClerk.page.getByTestId('arrival-number').textContent())?.trim());
      expect(arrival).toBeGreaterThan(0);

      // The sender's tracking (it refreshes by itself when the notice arrives) and the notice itself.
      await expect(row.getByTestId('delivery-steps')).toContainText('· Vào sổ', { timeout: 30_000 });
      await expect(row.locator('td').nth(3)).toHaveText(String(arrival));
      await expect(row.getByTestId('delivery-remind')).toHaveCount(0);
      const arrivalText = String(arrival).padStart(2, '0');
      await expect
        .poll(async () => (await callApi<{ items: { title: { vi: string; en: string }; body: { vi: string } }[] }>(page, 'GET', '/api/notifications?limit=50')).items.find((n) => n.title.vi.endsWith(symbol) && n.title.vi.includes('vào sổ')), {
          timeout: 30_000,
        })
        .toMatchObject({
          title: { vi: `${QT_NAME} đã vào sổ, số đến ${arrivalText}: ${symbol}`, en: `${QT_NAME} registered it as arrival number ${arrivalText}: ${symbol}` },
          body: { vi: expect.stringContaining(`Nơi nhận: ${QT_NAME}\nSố đến: ${arrivalText}`) },
        });
    });

    await test.step('the register book: the clerk chooses the period and the register, prints it as PDF (A4 landscape) and exports it to Excel', async () => {
      const page = qtClerk.page;
      await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
      const today = vietnamDay(0);
      await page.getByLabel('Từ ngày').fill(today);
      await page.getByLabel('Đến ngày').fill(today);
      await page.getByRole('button', { name: 'Xem báo cáo' }).click();
      const books = page.getByTestId('register-books');
      await expect(books.getByTestId('register-select')).toBeVisible();
      await books.getByTestId('register-select').click();
      await page.getByRole('option', { name: /^Sổ văn bản đến năm/ }).click();

      const pdf = await download(page, () => books.getByTestId('register-book-pdf').click());
      expect(pdf.download.suggestedFilename()).toMatch(/^so-van-ban-den-\d{4}_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf$/);
      const text = pdfText(pdf.path, '-layout');
      for (const expected of ['UBND HUYỆN TUY ĐỨC', 'UBND XÃ QUẢNG TÂM', 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', `Từ ngày ${today} đến ngày ${today}`, 'Số đến', 'Tên loại và trích yếu nội dung']) expect(text).toContain(expected);
      const line = text.split('\n').find((l) => l.includes(symbol));
      expect(line).toBeDefined();
      expect(line).toContain(today);
      expect(line).toMatch(new RegExp(`\\b0?${arrival}\\b`));
      expect(text).toContain(TOKEN);
      const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdf.path], { encoding: 'utf8' });
      const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(sizes.length).toBeGreaterThan(0);
      for (const [width, height] of sizes) {
        expect(Math.abs(width - 841.89)).toBeLessThan(1);
        expect(Math.abs(height - 595.28)).toBeLessThan(1);
      }
      expect(info).toMatch(/Page\s+1 size:.*\(A4\)/);
      expectDecree30Margins(pdf.path);
      screenshotOfPdf(pdf.path, 'decree30-register-book');

      const xlsx = await download(page, () => books.getByTestId('register-book-xlsx').click());
      expect(xlsx.download.suggestedFilename()).toMatch(/^so-van-ban-den-\d{4}_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
      const bytes = readFileSync(xlsx.path);
      const workbook = new Workbook();
      await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const cell = (r: number, c = 1) => String(sheet.getRow(r).getCell(c).value ?? '');
      expect([1, 2, 3, 4, 5].map((r) => cell(r))).toEqual(['UBND HUYỆN TUY ĐỨC', 'UBND XÃ QUẢNG TÂM', '', 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', `Từ ngày ${today} đến ngày ${today}`]);
      expect(sheet.getRow(7).values).toEqual(expect.arrayContaining(['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Tên loại và trích yếu nội dung']));
      expect(sheet.pageSetup.orientation).toBe('landscape');
      const rows = sheet.getRows(9, sheet.rowCount - 8) ?? [];
      expect(rows.some((r) => r.values && (r.values as unknown[]).includes(symbol))).toBe(true);
    });

    await test.step('the handling slip: after the leader’s instructions and assignment it shows them, the assignees and the deadline', async () => {
      const members = await callApi<{ id: number; username: string }[]>(qtClerk.page, 'GET', `/api/organisations/${quangTam?.id}/members`);
      const id = (username: string) => members.find((m) => m.username === username)?.id;
      await callApi(qtClerk.page, 'POST', `/api/incoming/${copyId}/submit`, { leaderId: id(QT.leader), note: 'Kính trình Chủ tịch cho ý kiến.' });
      const deadline = new Date(Date.now() + 7 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
      await callApi(qtLeader.page, 'POST', `/api/incoming/${copyId}/assign`, { lead: { userId: id(QT.handler) }, deadline, instructions: INSTRUCTIONS });

      const page = qtClerk.page;
      await page.goto(`/incoming/${copyId}`);
      const slip = await download(page, () => page.getByTestId('handling-slip').click());
      const text = pdfText(slip.path);
      expect(text).toContain('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
      expect(text).toContain(INSTRUCTIONS);
      expect(text).toContain(`Chủ trì: ${HANDLER_NAME}`);
      expect(text).toContain(vietnamDay(7));
      expect(text).toContain(symbol);
      expectDecree30Margins(slip.path);
      screenshotOfPdf(slip.path, 'decree30-handling-slip');
    });

    await test.step('comments and result: the handler comments with an attachment and completes with a result and its file; the sender reads the result', async () => {
      const page = handler.page;
      await page.goto(`/incoming/${copyId}`);
      const comments = page.getByTestId('comments');
      await comments.getByTestId('comment-text').fill('Đề nghị văn phòng cung cấp danh mục hồ sơ năm 2025 để đối chiếu.');
      await comments.getByTestId('comment-files').setInputFiles({ name: 'Danh mục đối chiếu.pdf', mimeType: 'application/pdf', buffer: await pdfOf('Danh muc doi chieu') });
      await comments.getByTestId('comment-send').click();
      await expect(comments.locator('li', { hasText: 'Đề nghị văn phòng cung cấp danh mục' })).toContainText('Danh mục đối chiếu.pdf');
      await expect(comments.locator('li', { hasText: 'Đề nghị văn phòng cung cấp danh mục' })).toContainText(HANDLER_NAME);

      await comments.getByTestId('comment-text').fill(`Đã kiểm tra xong công tác văn thư, lưu trữ (${TOKEN}); báo cáo kèm theo.`);
      await comments.getByTestId('comment-files').setInputFiles({ name: 'Báo cáo kết quả kiểm tra.pdf', mimeType: 'application/pdf', buffer: await pdfOf('Bao cao ket qua') });
      await comments.getByTestId('result-send').click();
      await expect(comments.locator('li', { hasText: 'Đã kiểm tra xong' })).toContainText('Kết quả xử lý');
      await page.getByTestId('actions').getByRole('button', { name: 'Hoàn thành' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('note-text').fill('Đã hoàn thành kiểm tra.');
      await dialog.getByTestId('note-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Hoàn thành');

      // Quảng Tâm's leader reads the comment and its attachment on the copy.
      await qtLeader.page.goto(`/incoming/${copyId}`);
      await expect(qtLeader.page.getByTestId('comments').locator('li', { hasText: 'Đề nghị văn phòng cung cấp danh mục' })).toContainText('Danh mục đối chiếu.pdf');

      // The sender opens its own document: the recipient's result, with its file, and the copy completed.
      const sender = districtClerk.page;
      await sender.goto(`/outgoing/${draft.id}`);
      const results = sender.getByTestId('recipient-results');
      await expect(results).toContainText(QT_NAME);
      await expect(results).toContainText(`Đã kiểm tra xong công tác văn thư, lưu trữ (${TOKEN}); báo cáo kèm theo.`);
      await expect(results).toContainText(HANDLER_NAME);
      const resultFile = await download(sender, () => results.getByRole('link', { name: /Báo cáo kết quả kiểm tra\.pdf/ }).click());
      expect(pdfText(resultFile.path)).toContain('Bao cao ket qua');
      await expect(sender.getByTestId('deliveries').locator(`tr[data-recipient="${QT_NAME}"]`).getByTestId('delivery-steps')).toContainText('Hoàn thành');
      // Opinions stay inside the recipient organisation: the sender's page shows only its results.
      await expect(results).not.toContainText('Đề nghị văn phòng cung cấp danh mục');
    });

    await test.step('filing through "Thêm vào hồ sơ", then the file is closed and exported as .pdf and .xml', async () => {
      const page = qtClerk.page;
      const code = `ND30.${Date.now() % 10000}`;
      const year = Number(vietnamDay(0).slice(-4));
      const file = await callApi<{ id: number }>(page, 'POST', '/api/records/files', { year, code, title: 'Hồ sơ kiểm tra công tác văn thư, lưu trữ năm 2026', retentionYears: 10, personInChargeId: null });
      await page.goto(`/incoming/${copyId}`);
      await page.getByTestId('add-to-file').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('heading')).toHaveText('Thêm văn bản vào hồ sơ');
      await dialog.getByRole('radio', { name: new RegExp(`${code.replace('.', '\\.')} Hồ sơ kiểm tra công tác văn thư`) }).check();
      await dialog.getByTestId('file-document-confirm').click();
      await expect(dialog).toHaveCount(0);
      await expect(page.locator('[matsnackbarlabel]')).toContainText(`Đã thêm văn bản vào hồ sơ ${code}.`);

      const detail = await callApi<Detail>(page, 'GET', `/api/documents/${copyId}`);
      let pages = 0;
      for (const f of detail.files) pages += (await PDFDocument.load(await (await page.request.get(`/api/documents/${copyId}/files/${f.id}/content`)).body())).getPageCount();

      await page.goto(`/records/files/${file.id}`);
      await expect(page.getByTestId('file-documents')).toContainText(symbol);
      await page.getByTestId('file-close').click();
      await expect(page.getByTestId('file-detail')).toContainText('Đã kết thúc');
      const exported = await download(page, () => page.getByTestId('file-export-pdf').click());
      expect(Number(execFileSync('qpdf', ['--show-npages', exported.path], { encoding: 'utf8' }).trim())).toBe(1 + pages);
      const index = pdfText(exported.path, '-l', '1');
      for (const expected of ['MỤC LỤC VĂN BẢN', 'Hồ sơ kiểm tra công tác văn thư, lưu trữ năm 2026', symbol, TOKEN]) expect(index).toContain(expected);
      expectDecree30Margins(exported.path);
      screenshotOfPdf(exported.path, 'decree30-file-export-index');

      const xml = await download(page, () => page.getByTestId('file-export-xml').click());
      const parsed = new XMLParser({ parseTagValue: false }).parse(readFileSync(xml.path, 'utf8'));
      expect(parsed.File).toMatchObject({ Title: 'Hồ sơ kiểm tra công tác văn thư, lưu trữ năm 2026', Maintenance: '10 năm', Creator: QT_NAME, DocTotal: '1', PageTotal: String(pages) });
      expect(String(parsed.File.FileCode)).toMatch(new RegExp(`\\.${code.replace('.', '\\.')}$`));
      expect(parsed.File.Documents.Document).toMatchObject({ DocOrdinal: '1', Subject: SUBJECT, ArrivalNumber: String(arrival), PageAmount: String(pages), OrganName: 'UBND huyện Tuy Đức' });
    });

    await test.step('access log: the handler views, downloads the signed original and a stamped copy; Quảng Tâm’s leader sees who, when, which file and from where', async () => {
      const page = handler.page;
      const detail = await callApi<Detail>(page, 'GET', `/api/documents/${copyId}`);
      const main = detail.files[0];
      await page.goto(`/incoming/${copyId}`);
      // The original, byte for byte: the stored signed file, as the API's content endpoint returns it.
      const original = await download(page, () => page.getByRole('link', { name: 'Tải về' }).first().click());
      const originalBytes = readFileSync(original.path);
      const content = await (await page.request.get(`/api/documents/${copyId}/files/${main.id}/content`)).body();
      expect(sha256(originalBytes)).toBe(sha256(content));
      expect(sha256(originalBytes)).toBe(main.sha256);
      // The stamped copy carries the reader's name and is not the original.
      const copy = await download(page, () => page.getByTestId('save-copy').click());
      const stamped = pdfText(copy.path);
      expect(stamped).toContain(HANDLER_NAME);
      expect(stamped).toContain(`Bản sao của ${HANDLER_NAME} (${QT.handler})`);
      expect(sha256(readFileSync(copy.path))).not.toBe(main.sha256);

      const leader = qtLeader.page;
      await leader.getByRole('navigation').getByRole('link', { name: 'Nhật ký truy cập' }).click();
      await leader.getByLabel('Lọc theo mã văn bản').fill(String(copyId));
      await leader.getByRole('button', { name: 'Xem nhật ký' }).click();
      const log = leader.getByTestId('access-log');
      const handlerRows = log.locator('tbody tr', { hasText: HANDLER_NAME });
      await expect(handlerRows.filter({ hasText: 'Tải bản gốc' }).first()).toBeVisible();
      await expect(handlerRows.filter({ hasText: 'Tải bản sao (đóng dấu tên)' }).first()).toBeVisible();
      await expect(handlerRows.filter({ hasText: 'Mở xem' }).first()).toBeVisible();
      const cells = await handlerRows.filter({ hasText: 'Tải bản gốc' }).first().locator('td').allTextContents();
      expect(cells[0].trim()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      expect(cells[3]).toContain(symbol);
      expect(cells[4].trim()).toBe(main.name);
      expect(cells[5].trim()).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
      await expect(log).toContainText('Lê Thị Thanh');
      await leader.screenshot({ path: resolve(SCREENSHOT_DIR, 'decree30-access-log.png'), fullPage: true, animations: 'disabled' });
    });

    // Nothing of this reached Quảng Tân, and nothing waits for the chairman's signature.
    expect(await unread(quangTanClerk)).toBe(quangTanUnread);
    const waiting = await callApi<{ items: { id: number }[] }>(chairman.page, 'GET', '/api/documents?queue=awaiting-my-signature&pageSize=100');
    expect(waiting.items.map((d) => d.id)).not.toContain(draft.id);
  } finally {
    await closeAll(people);
  }
});
