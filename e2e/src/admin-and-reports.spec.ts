import { readFileSync } from 'node:fs';

import { Workbook } from 'exceljs';

import { expect, screenshotOf, test } from '../support/fixtures';
import { logInAs, PEOPLE } from '../support/people';

test('the administrator sees the organisation tree, users with roles, certificates with expiry and the holidays', async ({ browser, baseURL }) => {
  const { context, page } = await logInAs(browser, baseURL as string, 'admin');
  try {
    await page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Quản trị hệ thống' })).toBeVisible();
    await expect(page.getByText('UBND xã Quảng Tân', { exact: true })).toBeVisible();
    await expect(page.getByText('NV · tuyduc-nv · Cơ quan chuyên môn (sở, phòng)')).toBeVisible();
    await page.screenshot(screenshotOf('21-admin-organisations'));

    await page.getByRole('tab', { name: 'Người dùng' }).click();
    await expect(page.getByRole('cell', { name: 'quangtan.vanthu' })).toBeVisible();

    await page.getByRole('tab', { name: 'Chứng thư số' }).click();
    const sealRow = page.locator('tr', { hasText: 'UBND huyện Tuy Đức' }).first();
    await expect(sealRow).toContainText(/\d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4}/);
    await expect(sealRow).toContainText('Còn hiệu lực');
    await page.screenshot(screenshotOf('22-admin-certificates'));

    await page.getByRole('tab', { name: 'Ngày nghỉ lễ' }).click();
    await expect(page.locator('td', { hasText: /^02\/09\/\d{4}$/ }).first()).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the district leader exports the report as CSV and as an Excel workbook', async ({ browser, baseURL }) => {
  const { context, page } = await logInAs(browser, baseURL as string, PEOPLE.chairman);
  try {
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await expect(page.getByTestId('report-dispatched')).toBeVisible();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-dispatched-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^bao-cao-van-ban-di_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = readFileSync(await xlsx.path());
    // An Office Open XML workbook (a ZIP) that a spreadsheet reader opens, the table's header first.
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    // Above the table, as on a printed report: the organisation, the title, the period; then the header.
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('UBND huyện Tuy Đức');
    expect(sheet.getCell('A2').value).toBe('Văn bản đã gửi, theo nơi nhận');
    expect(String(sheet.getCell('A3').value)).toMatch(/^Kỳ báo cáo: từ ngày \d{2}\/\d{2}\/\d{4} đến ngày \d{2}\/\d{2}\/\d{4}$/);
    expect((sheet.getRow(5).values as unknown[]).slice(1, 5)).toEqual(['Nơi nhận', 'Đã gửi', 'Bị trả lại', 'Chưa mở']);
    // Copies nobody has opened are a column of their own, on screen too.
    await expect(page.getByTestId('dispatched-table').getByRole('columnheader', { name: 'Chưa mở' })).toBeVisible();

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-dispatched').getByRole('button', { name: 'Xuất CSV' }).click(),
    ]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.startsWith('\uFEFFUBND huyện Tuy Đức\r\n"Văn bản đã gửi, theo nơi nhận"\r\nKỳ báo cáo: từ ngày ')).toBe(true);
    expect(text).toContain('\r\n\r\nNơi nhận,Đã gửi,Bị trả lại,Chưa mở,Tiếp nhận');
  } finally {
    await context.close();
  }
});
