import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { districtDirectory, submittedDraft } from '../support/arrange';
import { callApi, logInAs, PEOPLE, PHONE, SIGNING_PIN } from '../support/people';

// Issue 16: no serious or critical axe violation (WCAG 2.1 A and AA rules) on the screens people
// use daily. axe-core runs inside the page from the installed package; nothing is downloaded.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The serious and critical violations on the page as it stands, one line each, for the failure message. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  // axe really looked: a page of ours passes dozens of its checks.
  expect(passes.length).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

test('login, home, a list, a document, the signing dialog and the reports have no serious or critical accessibility violation', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const found: Record<string, string[]> = {};

  const anonymous = await browser.newContext({ baseURL: base, locale: 'vi-VN', viewport: { width: 1366, height: 768 } });
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  try {
    const login = await anonymous.newPage();
    await login.goto('/login');
    await expect(login.getByRole('button', { name: 'Đăng nhập', exact: true })).toBeVisible();
    found['login'] = await seriousViolations(login);

    const page = chairman.page;
    found['home'] = await seriousViolations(page);

    await page.goto('/incoming');
    await expect(page.getByTestId('document-table')).toBeVisible();
    found['incoming list'] = await seriousViolations(page);

    // A draft the chairman reviews last and signs, arranged through the API the screens use.
    const organisations = await callApi<{ id: number; kind: string }[]>(drafter.page, 'GET', '/api/organisations');
    const members = await callApi<{ id: number; username: string }[]>(drafter.page, 'GET', `/api/organisations/${organisations[0].id}/members`);
    const chairmanId = members.find((m) => m.username === PEOPLE.chairman)?.id;
    const draft = await callApi<{ id: number }>(drafter.page, 'POST', '/api/outgoing', {
      type: 'thong-bao',
      subject: 'Thông báo kiểm tra khả năng tiếp cận',
      urgency: 'hoa-toc',
      securityLevel: 'thuong',
      recipientIds: organisations.filter((o) => o.kind === 'commune').map((o) => o.id),
      signerId: chairmanId,
      signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/files/generate`, { body: ['Kính gửi các xã.'] });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/submit`, { reviewerIds: [chairmanId] });

    await page.goto('/outgoing');
    await expect(page.getByTestId('document-table')).toBeVisible();
    found['outgoing list'] = await seriousViolations(page);

    await page.goto(`/outgoing/${draft.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Thông báo kiểm tra khả năng tiếp cận');
    await expect(page.getByTestId('approve-and-sign')).toBeVisible();
    found['document detail'] = await seriousViolations(page);

    await page.getByTestId('approve-and-sign').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('signing-pin')).toBeFocused({ timeout: 30_000 });
    found['signing dialog'] = await seriousViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await expect(page.getByTestId('report-dispatched')).toBeVisible();
    found['reports'] = await seriousViolations(page);
  } finally {
    for (const context of [anonymous, drafter.context, chairman.context]) await context.close();
  }
  const failures = Object.entries(found).filter(([, lines]) => lines.length);
  expect(failures.map(([screen, lines]) => `${screen}:\n  ${lines.join('\n  ')}`).join('\n')).toBe('');
});

test('on a phone (390×844) home, a list, a document and the signing dialog have no serious or critical accessibility violation', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const found: Record<string, string[]> = {};
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const chairman = await logInAs(browser, base, PEOPLE.chairman, PHONE);
  try {
    const page = chairman.page;
    found['home'] = await seriousViolations(page);

    await page.goto('/outgoing');
    await expect(page.getByTestId('document-table')).toBeVisible();
    found['outgoing list'] = await seriousViolations(page);
    await page.getByTestId('filter-toggle').click();
    await expect(page.getByTestId('list-search')).toBeVisible();
    // The unfolded fields' hints fade in (300 ms): axe measures contrast once they are there.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
    found['outgoing list, filters open'] = await seriousViolations(page);

    // A draft the chairman reviews last and signs (to Quảng Tâm), signed before the test ends:
    // nothing is left in his queue.
    const { communeNamed, idOf } = await districtDirectory(drafter.page);
    const chairmanId = idOf(PEOPLE.chairman);
    const id = await submittedDraft(drafter.page, { type: 'thong-bao', subject: 'Thông báo kiểm tra khả năng tiếp cận trên điện thoại', communes: [communeNamed('Quảng Tâm') ?? 0], signerId: chairmanId, reviewerId: chairmanId, urgency: 'hoa-toc' });
    await page.goto(`/outgoing/${id}`);
    await expect(page.getByTestId('approve-and-sign')).toBeVisible();
    found['document detail'] = await seriousViolations(page);

    await page.getByTestId('approve-and-sign').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('signing-pin')).toBeFocused({ timeout: 30_000 });
    await expect(dialog.getByTestId('signature-rect')).toBeVisible({ timeout: 30_000 });
    found['signing dialog'] = await seriousViolations(page);
    await dialog.getByTestId('signing-pin').fill(SIGNING_PIN);
    await dialog.getByTestId('signing-confirm').click();
    await expect(dialog.getByTestId('signed-ok')).toBeVisible({ timeout: 60_000 });
    await dialog.getByTestId('signing-close').click();
  } finally {
    for (const context of [drafter.context, chairman.context]) await context.close();
  }
  const failures = Object.entries(found).filter(([, lines]) => lines.length);
  expect(failures.map(([screen, lines]) => `${screen}:\n  ${lines.join('\n  ')}`).join('\n')).toBe('');
});
