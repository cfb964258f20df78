import { Locator, Page } from '@playwright/test';
import { dispatchedToCommune, districtDirectory, incomingCopy, submittedDraft } from '../support/arrange';
import { expect, screenshotOf, test } from '../support/fixtures';
import { callApi, choose, closeAll, logInAs, PEOPLE, PHONE, SIGNING_PIN, vietnamDay } from '../support/people';

// Issue 16: the phone is a first-class screen. At 390×844 (touch, a mobile browser) the chairman
// signs with the PIN and "Ký số" in view, the lists fold their filters and show cards, an
// incoming document shows the leader's instructions first, and the commune registers and assigns.
// Documents go to Quảng Tâm (not Quảng Tân, whose notifications the route test counts), and none
// is left in the chairman's signing queue.

const QT = { clerk: 'quangtam.vanthu', leader: 'quangtam.lanhdao', specialist: 'quangtam.chuyenvien1' } as const;
const RUN = Date.now().toString(36);

/** The page does not scroll sideways: nothing is wider than the screen. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth} px wide on a ${clientWidth} px screen`).toBeLessThanOrEqual(clientWidth);
}

/** Each floating label of the form fields in `scope` shows its whole text (not cut with "…") and lies inside `scope`. */
async function expectLabelsWhole(scope: Locator): Promise<void> {
  const cut = await scope.locator('.mdc-floating-label').evaluateAll((labels) => {
    const box = labels[0]?.closest('.mat-mdc-dialog-surface')?.getBoundingClientRect();
    return labels
      .filter((label) => {
        const rect = label.getBoundingClientRect();
        const outside = !!box && (rect.left < box.left - 1 || rect.right > box.right + 1);
        return label.scrollWidth > label.clientWidth + 1 || outside;
      })
      .map((label) => label.textContent?.trim());
  });
  expect(cut, 'labels cut or outside the dialog').toEqual([]);
}


test('on a phone the chairman signs with the PIN and "Ký số" in view, after a wrong PIN said beside it', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const reviewer = await logInAs(browser, base, PEOPLE.viceChairman);
  const chairman = await logInAs(browser, base, PEOPLE.chairman, PHONE);
  try {
    const { communeNamed, idOf } = await districtDirectory(drafter.page);
    const subject = `Thông báo lịch tiếp công dân tại xã Quảng Tâm (${RUN})`;
    const id = await submittedDraft(drafter.page, { type: 'thong-bao', subject, communes: [communeNamed('Quảng Tâm') ?? 0], signerId: idOf(PEOPLE.chairman), reviewerId: idOf(PEOPLE.viceChairman) });
    await callApi(reviewer.page, 'POST', `/api/outgoing/${id}/review`, { decision: 'approve' });

    const page = chairman.page;
    // Home: the count tiles two by two.
    const tiles = page.locator('.home__tile');
    await expect(tiles.first()).toBeVisible();
    await expect(page.locator('[data-count=awaitingMySignature]')).not.toContainText('…');
    const [first, second] = [await tiles.nth(0).boundingBox(), await tiles.nth(1).boundingBox()];
    expect(Math.round(second?.y ?? -1)).toBe(Math.round(first?.y ?? 0));
    expect((second?.x ?? 0) + (second?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    await expectNoHorizontalScroll(page);
    await page.screenshot(screenshotOf('phone-home'));

    await page.goto('/signing');
    await page.locator(`[data-document="${id}"]`).getByTestId('sign-one').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('signature-rect')).toBeVisible({ timeout: 30_000 });
    // Full screen, and the PIN and "Ký số" in view without scrolling, the PIN ready for typing.
    const surface = await dialog.boundingBox();
    expect(surface?.width).toBe(PHONE.width);
    await expect(dialog.getByTestId('signing-pin')).toBeFocused();
    await expect(dialog.getByTestId('signing-pin')).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByTestId('signing-confirm')).toBeInViewport({ ratio: 1 });
    // The PIN comes before the page it signs.
    expect((await dialog.getByTestId('signing-pin').boundingBox())?.y ?? Infinity).toBeLessThan((await dialog.getByTestId('signing-page').boundingBox())?.y ?? 0);
    await page.screenshot(screenshotOf('phone-signing-dialog'));

    await dialog.getByTestId('signing-pin').fill('000000');
    await dialog.getByTestId('signing-confirm').click();
    await expect(dialog.getByTestId('signing-error')).toContainText(/PIN/);
    await expect(dialog.getByTestId('signing-error')).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByTestId('signing-pin')).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByTestId('signing-pin')).toBeFocused();
    await page.screenshot(screenshotOf('phone-signing-wrong-pin'));

    await dialog.getByTestId('signing-pin').fill(SIGNING_PIN);
    await dialog.getByTestId('signing-confirm').click();
    await expect(dialog.getByTestId('signed-ok')).toBeVisible({ timeout: 60_000 });
    await expect(dialog.getByTestId('signature')).toHaveCount(1);
    await expect(dialog.getByTestId('signing-close')).toBeInViewport();
    await expect(dialog.getByTestId('pdf-viewer')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await page.screenshot(screenshotOf('phone-signed'));
    await dialog.getByTestId('signing-close').click();
    await expect(page.locator(`[data-document="${id}"]`)).toHaveCount(0);
  } finally {
    await closeAll([drafter, reviewer, chairman]);
  }
});

test('on a phone a list folds its filters behind "Bộ lọc", counts those in use and shows cards without sideways scrolling', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  const districtClerk = await logInAs(browser, base, PEOPLE.districtClerk);
  const clerk = await logInAs(browser, base, QT.clerk, PHONE);
  try {
    const subject = `Công văn khẩn về việc phòng chống lũ quét tại xã Quảng Tâm (${RUN})`;
    const { symbol } = await dispatchedToCommune({ drafter: drafter.page, chairman: chairman.page, districtClerk: districtClerk.page }, { subject, commune: 'Quảng Tâm', urgency: 'khan' });
    await incomingCopy(clerk.page, subject);

    const page = clerk.page;
    for (const path of ['/outgoing', '/incoming?queue=to-register']) {
      await page.goto(path);
      await expect(page.getByTestId('document-table')).toBeVisible();
      await expectNoHorizontalScroll(page);
    }
    await page.goto('/incoming');
    await expect(page.getByTestId('document-table').getByRole('link', { name: subject })).toBeVisible();
    await expectNoHorizontalScroll(page);
    // Folded: one button instead of eight fields.
    const toggle = page.getByTestId('filter-toggle');
    await expect(toggle).toHaveText(/^\s*Bộ lọc\s*$/);
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('list-search')).toBeHidden();
    await page.screenshot(screenshotOf('phone-list-filters-folded'));

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await page.getByTestId('list-search').fill('phong chong lu quet');
    await expect(page).toHaveURL(/q=phong/);
    await choose(page, page.getByTestId('list-filters').getByRole('combobox', { name: 'Độ khẩn' }), /^Khẩn$/);
    await expect(toggle).toHaveText(/Bộ lọc \(2\)/);
    await expectNoHorizontalScroll(page);
    await page.screenshot(screenshotOf('phone-list-filters-open'));

    // Each card shows its status; ours its number and symbol, its subject and that it is urgent.
    const cards = page.getByTestId('document-table').locator('tbody tr');
    await expect(cards.first()).toBeVisible();
    for (const card of await cards.all()) {
      const status = card.locator('vt-status-chip');
      await expect(status).toBeVisible();
      expect((await status.textContent())?.trim().length).toBeGreaterThan(2);
      const box = await card.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(PHONE.width);
    }
    const ours = cards.filter({ hasText: subject });
    await expect(ours.getByRole('link', { name: subject })).toBeVisible();
    await expect(ours.locator('vt-status-chip')).toHaveText('Chờ vào sổ');
    await expect(ours.locator('vt-urgency-chip')).toBeVisible();
    await expect(ours.locator('vt-urgency-chip')).toContainText('Khẩn');
    await expect(ours.locator('.col-number')).toBeVisible();
    await expect(ours.locator('.col-number')).toContainText(symbol);

    // Folded again, the count stays on the button.
    await toggle.click();
    await expect(page.getByTestId('list-search')).toBeHidden();
    await expect(toggle).toHaveText(/Bộ lọc \(2\)/);
  } finally {
    await closeAll([drafter, chairman, districtClerk, clerk]);
  }
});

test('on a phone the commune registers a document and its leader assigns it; the assignee sees the instructions above the file', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  const districtClerk = await logInAs(browser, base, PEOPLE.districtClerk);
  const people = [drafter, chairman, districtClerk];
  try {
    const subject = `Kế hoạch tiêm chủng mở rộng tại xã Quảng Tâm năm 2027 (${RUN})`;
    await dispatchedToCommune({ drafter: drafter.page, chairman: chairman.page, districtClerk: districtClerk.page }, { subject, commune: 'Quảng Tâm' });

    await test.step('the clerk registers it and sends it to the leader, on a phone', async () => {
      const clerk = await logInAs(browser, base, QT.clerk, PHONE);
      people.push(clerk);
      const page = clerk.page;
      await page.goto(`/incoming/${await incomingCopy(page, subject)}`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(subject);
      await expectNoHorizontalScroll(page);
      await page.getByTestId('actions').getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('register-subject')).toHaveText(subject);
      expect((await dialog.boundingBox())?.width ?? Infinity).toBeLessThanOrEqual(PHONE.width - 16);
      await expect(dialog.getByTestId('register-confirm')).toBeInViewport({ ratio: 1 });
      await page.screenshot(screenshotOf('phone-register-dialog'));
      await dialog.getByTestId('register-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Đã vào sổ');

      await page.getByTestId('actions').getByRole('button', { name: 'Trình lãnh đạo' }).click();
      await expectLabelsWhole(dialog);
      await choose(page, page.getByTestId('leader-select'), /Nguyễn Hữu Lợi/);
      await dialog.getByTestId('submit-leader-confirm').scrollIntoViewIfNeeded();
      await dialog.getByTestId('submit-leader-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Chờ phân công');
    });

    let documentId = 0;
    await test.step('the leader assigns it on a phone: every label whole, the confirmation within reach', async () => {
      const leader = await logInAs(browser, base, QT.leader, PHONE);
      people.push(leader);
      const page = leader.page;
      documentId = await incomingCopy(page, subject);
      await page.goto(`/incoming/${documentId}`);
      await page.getByTestId('actions').getByRole('button', { name: 'Phân công xử lý' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('assign-lead')).toBeVisible();
      expect((await dialog.boundingBox())?.width ?? Infinity).toBeLessThanOrEqual(PHONE.width - 16);
      await expectLabelsWhole(dialog);
      await choose(page, dialog.getByTestId('assign-lead'), /Huỳnh Văn Tài/);
      await dialog.getByTestId('assign-deadline').fill(vietnamDay(5));
      await dialog.getByTestId('assign-instructions').fill('Đồng chí Tài chủ trì, phối hợp trạm y tế xã, báo cáo trước hạn.');
      await expectLabelsWhole(dialog);
      // The hint under the deadline is whole, not cut to one line.
      const hint = dialog.locator('mat-hint', { hasText: 'ngày/tháng/năm' });
      await expect(hint).toBeVisible();
      expect(await hint.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      const confirm = dialog.getByTestId('assign-confirm');
      await expect(confirm).toBeInViewport({ ratio: 1 });
      expect((await confirm.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(36);
      await page.screenshot(screenshotOf('phone-assign-dialog'));
      await confirm.click();
      await expect(page.getByTestId('document-status')).toHaveText('Đang xử lý');
    });

    await test.step('the assignee reads the instructions, the deadline and the assignees above the file', async () => {
      const specialist = await logInAs(browser, base, QT.specialist, PHONE);
      people.push(specialist);
      const page = specialist.page;
      await page.goto(`/incoming/${documentId}`);
      const viewer = page.getByTestId('pdf-viewer');
      await expect(viewer).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
      const assignment = page.getByTestId('assignment');
      await expect(assignment).toContainText('Ý kiến chỉ đạo: Đồng chí Tài chủ trì');
      const viewerY = (await viewer.boundingBox())?.y ?? 0;
      for (const part of [assignment.getByText('Ý kiến chỉ đạo'), assignment.getByTestId('assignment-deadline'), assignment.getByTestId('assignee-name').first()]) {
        await expect(part).toBeVisible();
        const y = (await part.boundingBox())?.y ?? Infinity;
        expect(y).toBeLessThan(viewerY);
        // Within the first two screens, not 2,000 px down.
        expect(y).toBeLessThan(2 * PHONE.height);
      }
      await expect(assignment.getByTestId('assignee-name').first()).toContainText('Huỳnh Văn Tài');
      await expectNoHorizontalScroll(page);
      await page.screenshot(screenshotOf('phone-incoming-detail'));
    });
  } finally {
    await closeAll(people);
  }
});
