import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { XMLParser } from 'fast-xml-parser';
import { PDFDocument, StandardFonts } from 'pdf-lib';

import { expect, screenshotOf, test } from '../support/fixtures';
import { callApi, logInAs, PEOPLE } from '../support/people';

interface Detail {
  id: number;
  symbol: string | null;
  files: Array<{ id: number }>;
}

test('the district clerk lists a file, adds a document, closes it and exports it as .pdf and .xml', async ({ browser, baseURL }) => {
  const { context, page } = await logInAs(browser, baseURL as string, PEOPLE.districtClerk);
  try {
    // A paper document the clerk registers, with a two-page scan, to file.
    const scan = await PDFDocument.create();
    for (const n of [1, 2]) scan.addPage([595.28, 841.89]).drawText(`Trang ${n}`, { x: 90, y: 760, size: 14, font: await scan.embedFont(StandardFonts.TimesRoman) });
    const symbol = `${Date.now() % 100000}/SYT-NVY`;
    const registered = await callApi<Detail>(page, 'POST', '/api/incoming', {
      type: 'cong-van',
      subject: 'Về việc lưu trữ hồ sơ điện tử năm 2026',
      urgency: 'thuong',
      securityLevel: 'thuong',
      senderName: 'Sở Y tế tỉnh Lâm Đồng',
      originalSymbol: symbol,
      originalDate: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
    });
    const csrf = decodeURIComponent((await context.cookies()).find((c) => c.name === 'XSRF-TOKEN')?.value ?? '');
    const upload = await page.request.post(`/api/incoming/${registered.id}/files`, {
      headers: { 'x-xsrf-token': csrf },
      multipart: { file: { name: 'Công văn.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await scan.save()) } },
    });
    expect(upload.ok()).toBe(true);
    const detail = await callApi<Detail>(page, 'GET', `/api/documents/${registered.id}`);
    let pages = 0;
    for (const f of detail.files) {
      const bytes = await (await page.request.get(`/api/documents/${detail.id}/files/${f.id}/content`)).body();
      pages += (await PDFDocument.load(bytes)).getPageCount();
    }
    expect(pages).toBe(2);

    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ' })).toBeVisible();
    const code = `E2E.${Date.now() % 100000}`;
    const create = page.getByTestId('file-create');
    await create.getByLabel('Số, ký hiệu hồ sơ').fill(code);
    await create.getByLabel('Tiêu đề hồ sơ').fill('Hồ sơ kiểm thử chuyển đổi số');
    await create.getByLabel(/Thời hạn bảo quản/).fill('10');
    await create.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    const fileDetail = page.getByTestId('file-detail');
    await expect(fileDetail.getByRole('heading', { name: `${code} — Hồ sơ kiểm thử chuyển đổi số` })).toBeVisible();

    await page.getByTestId('file-document-id').fill(String(detail.id));
    await fileDetail.getByRole('button', { name: 'Thêm văn bản vào hồ sơ' }).click();
    await expect(page.getByTestId('file-documents')).toContainText(detail.symbol ?? '');
    await page.getByTestId('file-close').click();
    await expect(fileDetail).toContainText('Đã kết thúc');
    await expect(fileDetail).toContainText('Hạn nộp lưu:');
    await page.screenshot(screenshotOf('40-records-file-closed'));

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('file-export-pdf').click()]);
    const pdfPath = await pdf.path();
    // The index page, then every page of the document's files.
    expect(Number(execFileSync('qpdf', ['--show-npages', pdfPath], { encoding: 'utf8' }).trim())).toBe(1 + pages);
    expect(execFileSync('pdftotext', ['-l', '1', pdfPath, '-'], { encoding: 'utf8' })).toContain('MỤC LỤC VĂN BẢN');

    const [xml] = await Promise.all([page.waitForEvent('download'), page.getByTestId('file-export-xml').click()]);
    const parsed = new XMLParser({ parseTagValue: false }).parse(readFileSync(await xml.path(), 'utf8'));
    expect(parsed.File).toMatchObject({ Title: 'Hồ sơ kiểm thử chuyển đổi số', Maintenance: '10 năm', Language: 'Tiếng Việt', DocTotal: '1', PageTotal: String(pages) });
    expect(String(parsed.File.FileCode)).toMatch(new RegExp(`\\.${code.replace('.', '\\.')}$`));
    for (const field of ['Rights', 'Creator', 'StartDate', 'EndDate', 'Description']) expect(parsed.File).toHaveProperty(field);
    expect(parsed.File.Documents.Document).toMatchObject({ DocOrdinal: '1', PageAmount: String(pages), Subject: expect.any(String), CodeNumber: expect.any(String) });
  } finally {
    await context.close();
  }
});
