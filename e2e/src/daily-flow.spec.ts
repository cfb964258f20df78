import { Locator, Page } from '@playwright/test';
import { districtDirectory } from '../support/arrange';
import { expect, screenshotOf, test } from '../support/fixtures';
import { callApi, castOf, choose, logInAs, PEOPLE, SIGNING_PIN, vietnamDay } from '../support/people';

// Issue 16, "the daily flow as leaders, clerks and specialists live it": what the other files do
// not check yet. Documents go from the district to Quảng Tâm only (never Quảng Tân, whose clerk's
// unread count document-route.spec.ts counts), signed by the vice-chairman (never left in the
// chairman's queue), and every review is decided here (nothing left in the vice-chairman's queue).

const QT = { clerk: 'quangtam.vanthu', leader: 'quangtam.lanhdao', specialist: 'quangtam.chuyenvien1' } as const;
const RUN = Date.now().toString(36);

/** How many times `needle` occurs in `text`. */
function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** The snack-bar saying `words` after an action (an earlier one may still be fading out). */
function snackBar(page: Page, words: string): Locator {
  return page.locator('[matsnackbarlabel]').filter({ hasText: words }).last();
}

/** Quảng Tâm's id, as the drafter's screens read the directory. */
async function quangTamId(page: Page): Promise<number> {
  const id = (await districtDirectory(page)).communeNamed('Quảng Tâm');
  if (!id) throw new Error('no commune named Quảng Tâm');
  return id;
}

test('a reply deadline set on the draft reaches Quảng Tâm, is suggested as the handling deadline, and every step says what it did', async ({ browser, baseURL }) => {
  test.setTimeout(360_000);
  const base = baseURL as string;
  const { as, closeAll: closeEveryone } = castOf(browser, base);
  const subject = `Công văn đề nghị báo cáo kết quả giảm nghèo năm 2026 (${RUN})`;
  const replyBy = vietnamDay(10);
  let draftId = 0;
  let symbol = '';
  let copyId = 0;

  try {
    const drafter = await as(PEOPLE.specialist);
    const quangTam = await quangTamId(drafter);

    await test.step('the district specialist sets "Hạn trả lời" on a new draft; a past day is refused on the form; saving again works', async () => {
      const page = drafter;
      await page.goto('/outgoing/new');
      await page.getByTestId('draft-subject').fill(subject);
      await page.getByTestId('draft-signer').click();
      await page.locator(`mat-option[data-user="${PEOPLE.viceChairman}"]`).click();
      await page.getByTestId('org-search').fill('quảng tâm');
      await page.locator('[data-org="quangtam"] label').click();
      const replyField = page.getByTestId('draft-reply-by');
      await replyField.fill(vietnamDay(-1));
      await replyField.blur();
      await expect(page.getByText('Hạn trả lời không được sớm hơn hôm nay.')).toBeVisible();
      await replyField.fill(replyBy);
      await replyField.blur();
      await expect(page.getByText('Hạn trả lời không được sớm hơn hôm nay.')).toHaveCount(0);
      // The calendar button speaks Vietnamese; the hint is in words, not a raw "dd/mm/yyyy".
      await expect(page.locator('mat-form-field', { has: replyField }).getByRole('button', { name: 'Mở lịch' })).toBeVisible();
      await expect(page.locator('mat-form-field', { has: replyField })).toContainText('ngày/tháng/năm');
      await page.screenshot(screenshotOf('daily-reply-by-draft'));
      await page.getByTestId('draft-save').click();
      await expect(page).toHaveURL(/\/outgoing\/\d+\/edit$/);
      draftId = Number(/\/outgoing\/(\d+)/.exec(page.url())?.[1]);
      await expect(replyField).toHaveValue(replyBy);

      // Saving the existing draft again sends the whole form (the issuing organisation too): it is taken.
      await page.getByTestId('draft-subject').fill(`${subject} `);
      await page.getByTestId('draft-save').click();
      await expect(snackBar(page, 'Đã lưu dự thảo.')).toBeVisible();
      await expect(page.getByTestId('draft-error')).toHaveCount(0);
      const stored = await callApi<{ replyBy: string | null }>(page, 'GET', `/api/documents/${draftId}`);
      expect(stored.replyBy).toBe(replyBy.split('/').reverse().join('-'));
    });

    await test.step('an unsigned file says so; the button says "Gửi duyệt" and its snack-bar what was done', async () => {
      const page = drafter;
      await callApi(page, 'POST', `/api/outgoing/${draftId}/files/generate`, { body: ['Đề nghị UBND xã Quảng Tâm báo cáo kết quả.'] });
      await page.goto(`/outgoing/${draftId}`);
      await expect(page.getByTestId('signatures-panel')).toContainText('Tệp này không có chữ ký số.');
      const actions = page.getByTestId('actions');
      await expect(actions.getByRole('button', { name: 'Gửi duyệt' })).toBeVisible();
      await expect(actions.getByRole('button', { name: /Trình duyệt/ })).toHaveCount(0);
      await actions.getByRole('button', { name: 'Gửi duyệt' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.locator(`[data-user="${PEOPLE.viceChairman}"] input`)).toBeChecked();
      await dialog.getByTestId('reviewers-confirm').click();
      await expect(snackBar(page, 'Đã gửi dự thảo để lãnh đạo duyệt.')).toBeVisible();
    });

    await test.step('the vice-chairman’s card names the draft once; he approves ("Đã duyệt…") and signs', async () => {
      const page = await as(PEOPLE.viceChairman);
      const bell = page.getByTestId('notification-bell');
      await expect(bell).toHaveAttribute('aria-label', /^Thông báo \([1-9]\d* chưa đọc\)$/, { timeout: 30_000 });
      await bell.click();
      const card = page.getByTestId('notification-item').filter({ hasText: subject.trim() }).first();
      await expect(card).toBeVisible({ timeout: 30_000 });
      expect(occurrences((await card.textContent()) ?? '', subject)).toBe(1);
      await card.click();
      await expect(page).toHaveURL(new RegExp(`/outgoing/${draftId}$`));
      await page.getByTestId('actions').getByRole('button', { name: 'Duyệt', exact: true }).click();
      await page.getByTestId('note-confirm').click();
      await expect(snackBar(page, 'Đã duyệt. Văn bản đang chờ ký.')).toBeVisible();
      await callApi(page, 'POST', `/api/outgoing/${draftId}/sign`, { pin: SIGNING_PIN });
    });

    const districtClerk = await as(PEOPLE.districtClerk);
    const notOpened = async (): Promise<number> => {
      await districtClerk.goto('/reports');
      const row = districtClerk.getByTestId('dispatched-table').locator('tr', { hasText: 'UBND xã Quảng Tâm' });
      await expect(row).toBeVisible({ timeout: 30_000 });
      return Number((await row.locator('td').nth(3).textContent())?.trim());
    };

    await test.step('the district clerk issues and dispatches it to Quảng Tâm; the report counts the copy "Chưa mở"', async () => {
      const issued = await callApi<{ symbol: string }>(districtClerk, 'POST', `/api/outgoing/${draftId}/issue`, { pin: SIGNING_PIN });
      symbol = issued.symbol;
      const sent = await callApi<{ deliveries: { recipient: { id: number }; incomingDocumentId: number | null }[] }>(districtClerk, 'POST', `/api/outgoing/${draftId}/dispatch`, {
        recipientIds: [quangTam],
      });
      copyId = sent.deliveries[0]?.incomingDocumentId ?? 0;
      expect(copyId).toBeGreaterThan(0);
      expect(await notOpened()).toBeGreaterThanOrEqual(1);
    });

    await test.step('the Quảng Tâm clerk’s card names the document once; its page shows "Hạn trả lời", the commune in the history, the signing time', async () => {
      const page = await as(QT.clerk);
      const unopenedBefore = await notOpened();
      const bell = page.getByTestId('notification-bell');
      await expect(bell).toHaveAttribute('aria-label', /^Thông báo \([1-9]\d* chưa đọc\)$/, { timeout: 30_000 });
      await bell.click();
      const card = page.getByTestId('notification-item').filter({ hasText: symbol }).first();
      await expect(card).toBeVisible({ timeout: 30_000 });
      const text = (await card.textContent()) ?? '';
      expect(occurrences(text, symbol)).toBe(1);
      expect(occurrences(text, subject.trim())).toBe(1);
      await page.screenshot(screenshotOf('daily-notification-cards'));
      await card.click();
      await expect(page).toHaveURL(new RegExp(`/incoming/${copyId}$`));
      await expect(page.getByTestId('reply-by')).toHaveText(`Hạn trả lời: ${replyBy}`);
      // The arrival is the commune's, not the district clerk's who dispatched it.
      await expect(page.locator('.detail__history li').first()).toContainText('UBND xã Quảng Tâm nhận văn bản đến');
      await expect(page.getByTestId('signatures-panel')).toContainText(/Ký lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/, { timeout: 30_000 });
      await page.screenshot(screenshotOf('daily-reply-by-recipient'));
      // Opened: no longer among the report's unopened copies.
      await expect.poll(notOpened, { timeout: 30_000 }).toBe(unopenedBefore - 1);

      await page.getByTestId('actions').getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
      await page.getByTestId('register-confirm').click();
      await expect(page.getByTestId('arrival-number')).toHaveText(/^\d+$/);
      const arrival = (await page.getByTestId('arrival-number').textContent())?.trim();
      await expect(snackBar(page, `Đã vào sổ văn bản đến số ${arrival}.`)).toBeVisible();
      await page.getByTestId('actions').getByRole('button', { name: 'Trình lãnh đạo' }).click();
      await choose(page, page.getByTestId('leader-select'), /Nguyễn Hữu Lợi/);
      await page.getByTestId('submit-leader-confirm').click();
      await expect(snackBar(page, 'Đã trình lãnh đạo.')).toBeVisible();
    });

    await test.step('the Quảng Tâm leader finds the reply deadline filled in as the handling deadline and assigns a specialist by name', async () => {
      const page = await as(QT.leader);
      await page.goto(`/incoming/${copyId}`);
      await page.getByTestId('actions').getByRole('button', { name: 'Phân công xử lý' }).click();
      await expect(page.getByTestId('assign-deadline')).toHaveValue(replyBy);
      await choose(page, page.getByTestId('assign-lead'), /Huỳnh Văn Tài/);
      await page.getByTestId('assign-confirm').click();
      await expect(snackBar(page, 'Đã phân công xử lý.')).toBeVisible();
      await expect(page.getByTestId('assignee-name').first()).toHaveText(/^Huỳnh Văn Tài/);
    });

    await test.step('the specialist completes it: the snack-bar says so, and no "còn N ngày" is left on the page', async () => {
      const page = await as(QT.specialist);
      await page.goto(`/incoming/${copyId}`);
      await expect(page.getByTestId('assignment')).toContainText(/còn \d+ ngày/);
      await page.getByTestId('actions').getByRole('button', { name: 'Hoàn thành' }).click();
      await page.getByTestId('note-text').fill('Đã tổng hợp và gửi báo cáo.');
      await page.getByTestId('note-confirm').click();
      await expect(snackBar(page, 'Đã hoàn thành xử lý văn bản.')).toBeVisible();
      await expect(page.getByTestId('document-status')).toHaveText('Hoàn thành');
      await expect(page.locator('main')).not.toContainText(/còn \d+ ngày/);
    });
  } finally {
    await closeEveryone();
  }
});

test('lists: the paginator and calendar speak Vietnamese or English, columns sort, markers show, and unsent drafts stay their drafter’s', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const clerk = await logInAs(browser, base, PEOPLE.districtClerk);
  const leader = await logInAs(browser, base, PEOPLE.viceChairman);
  try {
    // Arranged through the API: 21 unsent drafts sharing one search word, made one after another.
    const tag = `rasoat${RUN}`;
    const quangTam = await quangTamId(drafter.page);
    const ids: number[] = [];
    for (let index = 1; index <= 21; index += 1) {
      const draft = await callApi<{ id: number }>(drafter.page, 'POST', '/api/outgoing', {
        type: 'cong-van',
        subject: `Công văn ${tag} số ${String(index).padStart(2, '0')}`,
        urgency: index === 21 ? 'khan' : 'thuong',
        securityLevel: index === 20 ? 'mat' : 'thuong',
        recipientIds: [quangTam],
      });
      ids.push(draft.id);
    }

    const page = drafter.page;
    await page.goto(`/outgoing?q=${tag}`);
    const table = page.getByTestId('document-table');
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(20);
    // Newest first by default; urgency and security are marked on the row.
    await expect(rows.first()).toContainText(`Công văn ${tag} số 21`);
    await expect(rows.first().locator('vt-urgency-chip')).toContainText('Khẩn');
    await expect(rows.nth(1).locator('vt-security-chip')).toContainText('Mật');
    const paginator = page.locator('mat-paginator');
    await expect(paginator).toContainText('1–20 trong tổng số 21');
    await expect(paginator.getByRole('button', { name: 'Trang sau' })).toBeEnabled();
    await expect(page.locator('.list__filters').getByRole('button', { name: 'Mở lịch' })).toHaveCount(2);
    await paginator.scrollIntoViewIfNeeded();
    await page.screenshot(screenshotOf('daily-list-vi'));

    // The creation date column sorts: oldest first, and the address keeps the order.
    await table.getByRole('columnheader', { name: /Ngày tạo/ }).click();
    await expect(page).toHaveURL(/sort=date/);
    await expect(page).toHaveURL(/order=asc/);
    await expect(rows.first()).toContainText(`Công văn ${tag} số 01`);
    await expect(table.getByRole('columnheader', { name: /Ngày tạo/ })).toHaveAttribute('aria-sort', 'ascending');
    await paginator.getByRole('button', { name: 'Trang sau' }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`Công văn ${tag} số 21`);
    await expect(paginator).toContainText('21–21 trong tổng số 21');

    await page.locator('vt-language-switch').getByText('English').click();
    await expect(paginator).toContainText('21–21 of 21');
    await expect(paginator.getByRole('button', { name: 'Previous page' })).toBeEnabled();
    await expect(page.locator('.list__filters').getByRole('button', { name: 'Open calendar' })).toHaveCount(2);
    await expect(table.getByRole('columnheader', { name: /Created/ })).toBeVisible();
    await page.screenshot(screenshotOf('daily-list-en'));
    await page.goto('/outgoing/new');
    const replyField = page.locator('mat-form-field', { has: page.getByTestId('draft-reply-by') });
    await expect(replyField).toContainText('Reply by');
    await expect(replyField).toContainText('day/month/year');
    await expect(replyField.getByRole('button', { name: 'Open calendar' })).toBeVisible();
    await page.locator('vt-language-switch').getByText('Tiếng Việt').click();

    // The drafter's unsent work is hers alone: neither the clerk nor a leader of the district sees it.
    for (const other of [clerk.page, leader.page]) {
      const listed = await callApi<{ total: number }>(other, 'GET', `/api/documents?q=${tag}`);
      expect(listed.total).toBe(0);
      const response = await other.request.get(`/api/documents/${ids[0]}`);
      expect(response.status()).toBe(404);
      await other.goto(`/outgoing?q=${tag}`);
      await expect(other.getByTestId('document-table').locator('tbody tr')).toHaveCount(1);
      await expect(other.getByTestId('document-table')).not.toContainText(tag);
    }
  } finally {
    for (const person of [drafter, clerk, leader]) await person.context.close();
  }
});
