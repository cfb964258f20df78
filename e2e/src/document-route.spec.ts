import { attachmentPdf, districtDirectory, idFromUrl, openFromQueue, submittedDraft, waitingToSign } from '../support/arrange';
import { expect, screenshotOf, test } from '../support/fixtures';
import { callApi, castOf, choose, logInAs, PEOPLE, SIGNING_PIN, vietnamDay } from '../support/people';

// The whole route of issue 6, by clicking, one person after another: a district specialist
// drafts a Kế hoạch, the vice-chairman approves, the chairman signs (after a wrong PIN), the district
// clerk issues and dispatches it to the six communes; the Quảng Tân clerk sees it arrive live
// and registers it, the commune leader assigns it, a specialist completes it, and the
// district's report shows it.

const SUBJECT = `Kế hoạch triển khai chuyển đổi số năm 2027 (${Date.now().toString(36)})`;

test('the whole route, from draft to the district report, by clicking', async ({ browser, baseURL }) => {
  test.setTimeout(420_000);
  const base = baseURL as string;
  const { as, closeAll: closeEveryone } = castOf(browser, base);
  let outgoingId = 0;
  let incomingId = 0;

  try {
    await test.step('a district specialist drafts a Kế hoạch for all six communes and sends it for review', async () => {
      const page = await as(PEOPLE.specialist);
      await page.getByRole('navigation').getByRole('link', { name: 'Văn bản đi' }).click();
      await page.getByTestId('new-draft').click();
      await choose(page, page.getByTestId('draft-type'), 'Kế hoạch');
      await page.getByTestId('draft-subject').fill(SUBJECT);
      await page.getByTestId('draft-signer').click();
      await page.locator('mat-option[data-user="tuyduc.lanhdao"]').click();
      // The signing authority follows from the chosen signer (the chairman signs for the Committee).
      await expect(page.getByLabel('Thẩm quyền ký')).toHaveValue('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
      await page.getByTestId('all-communes').click();
      await expect(page.getByText('Đã chọn 6')).toBeVisible();
      await page.getByTestId('draft-save').click();
      await expect(page).toHaveURL(/\/outgoing\/\d+\/edit$/);
      await page.getByTestId('draft-body').fill('Thực hiện Nghị quyết về chuyển đổi số.\nCác xã triển khai trước ngày 31/12.');
      await page.getByTestId('draft-generate').click();
      await expect(page.getByText(/Văn bản chính: /)).toBeVisible({ timeout: 30_000 });
      await page.getByTestId('attachment-file').setInputFiles({ name: 'phu-luc.pdf', mimeType: 'application/pdf', buffer: await attachmentPdf() });
      await expect(page.getByText('Phụ lục: phu-luc.pdf')).toBeVisible({ timeout: 30_000 });
      await page.getByTestId('draft-submit').click();
      const dialog = page.getByRole('dialog');
      // The chosen signer is ticked already; here the vice-chairman alone reviews before the chairman signs.
      await expect(dialog.locator('[data-user="tuyduc.lanhdao"] input')).toBeChecked();
      await dialog.locator('[data-user="tuyduc.lanhdao"] label').click();
      await dialog.locator('[data-user="tuyduc.phochutich"] label').click();
      await dialog.getByTestId('reviewers-confirm').click();
      await expect(page).toHaveURL(/\/outgoing\/\d+$/);
      await expect(page.getByTestId('document-status')).toHaveText('Chờ duyệt');
      outgoingId = idFromUrl(page);
    });

    await test.step('the vice-chairman approves it', async () => {
      const page = await as(PEOPLE.viceChairman);
      await expect(page.locator('[data-count=awaitingMyReview]')).toContainText('1');
      await openFromQueue(page, '/outgoing', 'awaiting-my-review', SUBJECT);
      await page.getByTestId('actions').getByRole('button', { name: 'Duyệt' }).click();
      await page.getByTestId('note-text').fill('Đồng ý trình Chủ tịch ký.');
      await page.getByTestId('note-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Chờ ký');
    });

    await test.step('the chairman signs from his queue: a wrong PIN is refused, the right one signs and shows the signed PDF', async () => {
      const page = await as(PEOPLE.chairman);
      const badge = page.getByRole('navigation').getByRole('link', { name: /Chờ ký/ });
      // Ours and whatever an earlier test left waiting for him (the accessibility check leaves one).
      const waiting = await waitingToSign(page);
      expect(waiting).toBeGreaterThanOrEqual(1);
      await expect(badge.getByTestId('nav-badge')).toHaveText(String(waiting));
      await expect(page.locator('[data-count=awaitingMySignature]')).toContainText(String(waiting));
      await page.screenshot(screenshotOf('10-home-leader'));
      await badge.click();
      await page.locator(`[data-document="${outgoingId}"]`).getByTestId('sign-one').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('signature-rect')).toBeVisible({ timeout: 30_000 });
      // The PIN field has the focus when the dialog is ready: the leader can type at once.
      await expect(dialog.getByTestId('signing-pin')).toBeFocused();
      // Drag the proposed rectangle 40 px toward the middle of the page (the box stops at the
      // page's edge, so the direction with room is chosen): the preview follows the pointer.
      const rect = dialog.getByTestId('signature-rect');
      const sheet = await dialog.getByTestId('signing-page').boundingBox();
      const before = await rect.boundingBox();
      if (!sheet || !before) throw new Error('the signing preview has no page or no signature box');
      const centre = { x: before.x + before.width / 2, y: before.y + before.height / 2 };
      const step = centre.x > sheet.x + sheet.width / 2 ? -40 : 40;
      await rect.hover();
      await page.mouse.down();
      await page.mouse.move(centre.x + step, centre.y, { steps: 4 });
      await page.mouse.up();
      const after = await rect.boundingBox();
      expect(Math.sign(step) * Math.round((after?.x ?? 0) - before.x)).toBeGreaterThan(30);
      await page.screenshot(screenshotOf('11-signing-dialog'));

      await dialog.getByTestId('signing-pin').fill('000000');
      await dialog.getByTestId('signing-confirm').click();
      // A wrong PIN is said beside the PIN, in view, and the field is ready for the next try.
      await expect(dialog.getByTestId('signing-error')).toContainText(/PIN/);
      await expect(dialog.getByTestId('signing-error')).toBeInViewport();
      await expect(dialog.getByTestId('signing-pin')).toBeFocused();
      await page.screenshot(screenshotOf('12-signing-wrong-pin'));

      await dialog.getByTestId('signing-pin').fill(SIGNING_PIN);
      await dialog.getByTestId('signing-confirm').click();
      await expect(dialog.getByTestId('signed-ok')).toBeVisible({ timeout: 60_000 });
      await expect(dialog.getByTestId('signature')).toHaveCount(1);
      await expect(dialog.getByTestId('signature').first()).toContainText('Nguyễn Văn Hùng');
      await expect(dialog.getByTestId('pdf-viewer')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
      await page.screenshot(screenshotOf('13-signed-result'));
      await dialog.getByTestId('signing-close').click();
      // Ours has left the queue; with nothing else waiting the queue says it is empty.
      await expect(page.locator(`[data-document="${outgoingId}"]`)).toHaveCount(0);
      if (waiting === 1) await expect(page.getByText('Không có văn bản nào chờ bạn ký.')).toBeVisible();
    });

    const qtClerk = await as(PEOPLE.qtClerk);

    // The district clerk's window stays open after dispatch: its tracking must change without a reload.
    const districtClerk = await as(PEOPLE.districtClerk);
    await test.step('the district clerk sees the next number, issues it with the seal and dispatches it to the six communes', async () => {
      const page = districtClerk;
      await openFromQueue(page, '/outgoing', 'to-issue', SUBJECT);
      await page.getByTestId('actions').getByRole('button', { name: 'Cấp số và ban hành' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('issue-preview')).toContainText(/Số: \d+\/KH-UBND/);
      const preview = (await dialog.getByTestId('issue-preview').textContent()) ?? '';
      const symbol = /\d+\/KH-UBND/.exec(preview)?.[0] ?? '';
      await dialog.getByTestId('seal-pin').fill(SIGNING_PIN);
      await dialog.getByTestId('issue-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Đã ban hành, chờ phát hành', { timeout: 60_000 });
      await expect(page.getByTestId('document-symbol')).toHaveText(symbol);

      await page.getByTestId('actions').getByRole('button', { name: 'Phát hành' }).click();
      await expect(dialog.getByTestId('dispatch-confirm')).toHaveText(/Phát hành đến 6 nơi/);
      await dialog.getByTestId('dispatch-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Đã phát hành', { timeout: 60_000 });
      await expect(page.getByTestId('deliveries').locator('tbody tr')).toHaveCount(6);
      await expect(page.getByTestId('signatures-panel').getByTestId('signature')).toHaveCount(2);
    });

    await test.step('the Quảng Tân clerk, already logged in, sees the notification arrive live and registers the document', async () => {
      const page = qtClerk;
      const bell = page.getByTestId('notification-bell');
      await expect(bell).toHaveAttribute('aria-label', /\(1 chưa đọc\)/, { timeout: 60_000 });
      await bell.click();
      await expect(page.getByTestId('notification-item').first()).toContainText(SUBJECT);
      await page.screenshot(screenshotOf('14a-notification-bell'));
      await page.getByTestId('notification-item').first().click();
      await expect(page).toHaveURL(/\/incoming\/\d+$/);
      incomingId = idFromUrl(page);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(SUBJECT);
      await expect(page.getByTestId('signatures-panel').getByTestId('signature')).toHaveCount(2);
      await expect(page.getByTestId('signatures-overall')).toHaveText('Tất cả 2 chữ ký đều hợp lệ.');
      await expect(page.getByTestId('pdf-viewer')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
      await page.screenshot(screenshotOf('14-incoming-detail-signatures'));

      await page.getByTestId('actions').getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
      await page.getByTestId('register-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Đã vào sổ');
      await expect(page.getByTestId('arrival-number')).toHaveText(/^\d+$/);
      await page.getByTestId('actions').getByRole('button', { name: 'Trình lãnh đạo' }).click();
      await choose(page, page.getByTestId('leader-select'), /Nguyễn Đình Phong/);
      await page.getByTestId('submit-leader-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Chờ phân công');
    });

    await test.step('the district clerk sees the Quảng Tân copy opened, without reloading', async () => {
      const page = districtClerk;
      const row = page.getByTestId('deliveries').locator('tr', { hasText: 'UBND xã Quảng Tân' });
      await expect(row.getByTestId('delivery-status')).not.toHaveText('Đã gửi đến', { timeout: 40_000 });
      await page.getByTestId('deliveries').scrollIntoViewIfNeeded();
      await page.screenshot(screenshotOf('15-dispatch-tracking'));
    });

    await test.step('the commune leader assigns it to a specialist with a deadline', async () => {
      const page = await as(PEOPLE.qtLeader);
      await expect(page.locator('[data-count=awaitingMyAssignment]')).toContainText('1');
      await openFromQueue(page, '/incoming', 'awaiting-my-assignment', SUBJECT);
      await page.getByTestId('actions').getByRole('button', { name: 'Phân công xử lý' }).click();
      await choose(page, page.getByTestId('assign-lead'), /Trần Văn Hải/);
      await page.getByTestId('assign-deadline').fill(vietnamDay(7));
      await page.getByTestId('assign-instructions').fill('Đồng chí Hải chủ trì, báo cáo kết quả trước hạn.');
      await page.getByTestId('assign-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Đang xử lý');
      await expect(page.getByTestId('assignment')).toContainText('Trần Văn Hải');
    });

    await test.step('the specialist finds it on the home page by deadline and completes it', async () => {
      const page = await as(PEOPLE.qtSpecialist);
      await expect(page.locator('[data-count=myOpenAssignments]')).toContainText('1');
      await page.locator('.home__work-item', { hasText: SUBJECT }).click();
      await page.getByTestId('actions').getByRole('button', { name: 'Hoàn thành' }).click();
      await page.getByTestId('note-text').fill('Đã triển khai tại xã, gửi báo cáo kèm theo.');
      await page.getByTestId('note-confirm').click();
      await expect(page.getByTestId('document-status')).toHaveText('Hoàn thành');
      await expect(page.getByTestId('assignment')).toContainText('Trước hạn');

      // The incoming register finds it without diacritics.
      await page.getByRole('navigation').getByRole('link', { name: 'Văn bản đến' }).click();
      await page.getByTestId('list-search').fill('chuyen doi so');
      await expect(page.getByTestId('document-table').getByRole('link', { name: SUBJECT })).toBeVisible();
      await page.screenshot(screenshotOf('24-incoming-list-search'));
    });

    await test.step("the district's report shows Quảng Tân's completion; the tracking view says completed", async () => {
      const page = await as(PEOPLE.chairman);
      await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
      const row = page.getByTestId('dispatched-table').locator('tr', { hasText: 'UBND xã Quảng Tân' });
      await expect(row).toBeVisible();
      // Quảng Tân opened and completed its copy: not among the unopened (column 3), completed (column 4).
      await expect(row.locator('td').nth(3)).toHaveText('0');
      await expect(row.locator('td').nth(4)).toHaveText('1');
      await expect(page.getByTestId('report-dispatched')).toContainText('đúng hạn, đạt 100%');
      await page.screenshot(screenshotOf('16-reports'));
      await page.getByTestId('report-monthly').scrollIntoViewIfNeeded();
      await page.screenshot(screenshotOf('16b-reports-monthly'));

      await page.goto(`/outgoing/${outgoingId}`);
      const delivery = page.getByTestId('deliveries').locator('tr', { hasText: 'UBND xã Quảng Tân' });
      await expect(delivery.getByTestId('delivery-status')).toHaveText('Đã hoàn thành');
    });

    await test.step('on a phone, the commune clerk reads the completed document and its signatures', async () => {
      const page = qtClerk;
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/incoming/${incomingId}`);
      await expect(page.getByTestId('document-status')).toHaveText('Hoàn thành');
      await expect(page.getByTestId('pdf-viewer')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
      // The leader's instructions and the deadline come before the file, not 2,000 px below it.
      const assignment = page.getByTestId('assignment');
      const viewer = page.getByTestId('pdf-viewer');
      expect((await assignment.boundingBox())?.y ?? Infinity).toBeLessThan((await viewer.boundingBox())?.y ?? 0);
      await expect(assignment).toContainText('Ý kiến chỉ đạo: Đồng chí Hải chủ trì');
      await page.screenshot(screenshotOf('19-incoming-detail-phone'));
      await page.getByTestId('signatures-panel').scrollIntoViewIfNeeded();
      await page.screenshot(screenshotOf('20-signatures-phone'));
    });

    await test.step('another commune cannot open Quảng Tân\'s copy: "not found"', async () => {
      const page = await as(PEOPLE.otherCommuneClerk);
      await page.goto(`/incoming/${incomingId}`);
      await expect(page.getByTestId('not-found')).toContainText('Không tìm thấy văn bản');
      await page.goto(`/documents/${incomingId}`);
      await expect(page.getByTestId('not-found')).toContainText('Không tìm thấy văn bản');
      await page.screenshot(screenshotOf('17-other-commune-not-found'));
    });
  } finally {
    await closeEveryone();
  }
});

test('a classified draft explains that it stays on paper and offers no upload', async ({ browser, baseURL }) => {
  const { context, page } = await logInAs(browser, baseURL as string, PEOPLE.ntSpecialist);
  try {
    await page.goto('/outgoing/new');
    await choose(page, page.getByTestId('draft-security'), 'Mật');
    await expect(page.getByTestId('classified-note')).toContainText('chỉ được lưu trên giấy');
    await page.getByTestId('draft-subject').fill('Kế hoạch bảo vệ bí mật nhà nước năm 2027');
    await page.getByTestId('all-communes').click();
    await page.getByTestId('draft-save').click();
    await expect(page).toHaveURL(/\/outgoing\/\d+\/edit$/);
    await expect(page.getByTestId('classified-note')).toBeVisible();
    await expect(page.getByTestId('main-file')).toHaveCount(0);
    await expect(page.getByTestId('attachment-file')).toHaveCount(0);
    await expect(page.getByTestId('draft-generate')).toHaveCount(0);
    await page.screenshot(screenshotOf('18-classified-draft'));

    // The server refuses a file for it on every path; the page says so in words.
    const id = Number(/\/outgoing\/(\d+)/.exec(page.url())?.[1]);
    const refusal = await page.evaluate(async (documentId) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '';
      const response = await fetch(`/api/outgoing/${documentId}/files/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-xsrf-token': decodeURIComponent(csrf) },
        body: '{}',
      });
      return { status: response.status, body: await response.json() };
    }, id);
    expect(refusal.status).toBeGreaterThanOrEqual(400);
    expect(refusal.body.message.vi.length).toBeGreaterThan(0);
  } finally {
    await context.close();
  }
});

test('a new draft takes its files before the first save, shows the chosen recipients in view and fills the signing authority from the signer', async ({ browser, baseURL }) => {
  const { context, page } = await logInAs(browser, baseURL as string, PEOPLE.specialist);
  try {
    await page.goto('/outgoing/new');
    await page.getByTestId('draft-subject').fill('Công văn về việc rà soát hồ sơ đất đai');
    await page.getByTestId('draft-signer').click();
    await page.locator(`mat-option[data-user="${PEOPLE.viceChairman}"]`).click();
    await expect(page.getByLabel('Thẩm quyền ký')).toHaveValue('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
    // Written by hand, it stays when the signer changes.
    await page.getByLabel('Thẩm quyền ký').fill('TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG');
    await page.getByTestId('draft-signer').click();
    await page.locator(`mat-option[data-user="${PEOPLE.chairman}"]`).click();
    await expect(page.getByLabel('Thẩm quyền ký')).toHaveValue('TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG');

    // The chosen recipients stay in view above the scrolling tree, and can be taken off there.
    await page.getByTestId('org-search').fill('quang');
    await page.locator('[data-org="quangtan"] label').click();
    await page.locator('[data-org="quangtruc"] label').click();
    const chosen = page.getByTestId('org-chosen');
    await expect(chosen.locator('li')).toHaveText(['UBND xã Quảng Tân', 'UBND xã Quảng Trực']);
    await chosen.getByRole('button', { name: 'Bỏ chọn UBND xã Quảng Trực' }).click();
    await expect(chosen.locator('li')).toHaveText(['UBND xã Quảng Tân']);

    // The main file and an attachment are chosen before the draft exists; saving uploads them.
    await page.getByTestId('pending-main-file').setInputFiles({ name: 'cong-van.pdf', mimeType: 'application/pdf', buffer: await attachmentPdf() });
    await page.getByTestId('pending-attachment-file').setInputFiles({ name: 'phu-luc.pdf', mimeType: 'application/pdf', buffer: await attachmentPdf() });
    await expect(page.getByTestId('pending-files').locator('li')).toHaveCount(2);
    await page.screenshot(screenshotOf('25-draft-files-before-save'));
    await page.getByTestId('draft-save').click();
    await expect(page).toHaveURL(/\/outgoing\/\d+\/edit$/);
    await expect(page.getByText('Văn bản chính: cong-van.pdf')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Phụ lục: phu-luc.pdf')).toBeVisible();
    const draft = await callApi<{ files: { role: string; name: string }[]; signingLine: string; recipients: { name: string }[] }>(page, 'GET', `/api/documents/${idFromUrl(page)}`);
    expect(draft.files.map((f) => [f.role, f.name])).toEqual([['main', 'cong-van.pdf'], ['attachment', 'phu-luc.pdf']]);
    expect(draft.signingLine).toBe('TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG');
    expect(draft.recipients.map((r) => r.name)).toEqual(['UBND xã Quảng Tân']);
  } finally {
    await context.close();
  }
});

test("an upload that is not a PDF gets the server's refusal in words, and the draft keeps what was typed", async ({ browser, baseURL }) => {
  const { context, page } = await logInAs(browser, baseURL as string, PEOPLE.specialist);
  try {
    await page.goto('/outgoing/new');
    await page.getByTestId('draft-subject').fill('Báo cáo kết quả thực hiện nhiệm vụ quý IV');
    await page.getByTestId('all-communes').click();
    await page.getByTestId('draft-save').click();
    await expect(page).toHaveURL(/\/outgoing\/\d+\/edit$/);
    await page.getByTestId('main-file').setInputFiles({
      name: 'bao-cao.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('Đây không phải là tệp PDF, chỉ là văn bản thuần.'),
    });
    const refusal = page.locator('vt-file-uploader vt-alert');
    await expect(refusal).toBeVisible();
    expect((await refusal.textContent())?.trim().length).toBeGreaterThan(10);
    await expect(page.getByTestId('draft-subject')).toHaveValue('Báo cáo kết quả thực hiện nhiệm vụ quý IV');
    await refusal.scrollIntoViewIfNeeded();
    await page.screenshot(screenshotOf('23-upload-refused'));
  } finally {
    await context.close();
  }
});

test('the chairman signs two documents one after another without leaving the queue', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const reviewer = await logInAs(browser, base, PEOPLE.viceChairman);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  try {
    // Arranged through the same API the screens use: two approved drafts for the chairman.
    const { communes, idOf } = await districtDirectory(drafter.page);
    const subjects = ['Thông báo lịch tiếp công dân tháng 12', 'Giấy mời họp giao ban quý IV'];
    for (const [index, subject] of subjects.entries()) {
      const id = await submittedDraft(drafter.page, { type: index === 0 ? 'thong-bao' : 'giay-moi', subject, communes, signerId: idOf(PEOPLE.chairman), reviewerId: idOf(PEOPLE.viceChairman) });
      await callApi(reviewer.page, 'POST', `/api/outgoing/${id}/review`, { decision: 'approve' });
    }

    const page = chairman.page;
    const waiting = await waitingToSign(page);
    expect(waiting).toBeGreaterThanOrEqual(2);
    await page.goto('/signing');
    await expect(page.locator('.queue__item')).toHaveCount(waiting);
    await page.getByTestId('sign-each').click();
    const dialog = page.getByRole('dialog');
    for (let index = 1; index <= waiting; index += 1) {
      await expect(dialog.getByTestId('queue-progress')).toHaveText(`Văn bản ${index}/${waiting} trong danh sách chờ ký`);
      await dialog.getByTestId('signing-pin').fill(SIGNING_PIN);
      await dialog.getByTestId('signing-confirm').click();
      await expect(dialog.getByTestId('signed-ok')).toBeVisible({ timeout: 60_000 });
      if (index < waiting) await dialog.getByTestId('signing-next').click();
    }
    await dialog.getByTestId('signing-close').click();
    await expect(page.getByText('Không có văn bản nào chờ bạn ký.')).toBeVisible();
  } finally {
    for (const person of [drafter, reviewer, chairman]) await person.context.close();
  }
});

test('the chairman who reviews last approves and signs in one step: two clicks and the PIN', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  try {
    const { communes, idOf } = await districtDirectory(drafter.page);
    const chairmanId = idOf(PEOPLE.chairman);
    const draftId = await submittedDraft(drafter.page, { type: 'thong-bao', subject: 'Thông báo kết luận của Chủ tịch tại cuộc họp giao ban', communes, signerId: chairmanId, reviewerId: chairmanId });

    const page = chairman.page;
    await page.goto(`/outgoing/${draftId}`);
    const started = Date.now();
    let actions = 0;
    await page.getByTestId('approve-and-sign').click();
    actions += 1;
    const dialog = page.getByRole('dialog');
    // The signing dialog opens by itself with the PIN field focused: type it and press Enter.
    await expect(dialog.getByTestId('signing-pin')).toBeFocused({ timeout: 30_000 });
    await page.keyboard.type(SIGNING_PIN);
    await page.keyboard.press('Enter');
    actions += 1;
    await expect(dialog.getByTestId('signed-ok')).toBeVisible({ timeout: 60_000 });
    expect(actions).toBeLessThanOrEqual(3);
    test.info().annotations.push({ type: 'approve-and-sign', description: `${actions} actions plus the PIN, ${Date.now() - started} ms` });
    await page.screenshot(screenshotOf('24-approved-and-signed'));
  } finally {
    for (const person of [drafter, chairman]) await person.context.close();
  }
});

test('the chairman signs ten documents waiting with one PIN entry and sees each document’s result', async ({ browser, baseURL }) => {
  test.setTimeout(420_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const reviewer = await logInAs(browser, base, PEOPLE.viceChairman);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  try {
    // Arranged through the same API the screens use: approved drafts for the chairman, up to ten
    // waiting in all (an earlier test may have left some).
    const { communes, idOf } = await districtDirectory(drafter.page);
    const page = chairman.page;
    const alreadyWaiting = await waitingToSign(page);
    for (let index = 0; index < Math.max(0, 10 - alreadyWaiting); index += 1) {
      const subject = index % 2 === 0 ? `Thông báo lịch trực Tết Nguyên đán, đợt ${index + 1}` : `Giấy mời hội nghị tổng kết năm, phiên ${index + 1}`;
      const id = await submittedDraft(drafter.page, { type: index % 2 === 0 ? 'thong-bao' : 'giay-moi', subject, communes, signerId: idOf(PEOPLE.chairman), reviewerId: idOf(PEOPLE.viceChairman) });
      await callApi(reviewer.page, 'POST', `/api/outgoing/${id}/review`, { decision: 'approve' });
    }

    const waiting = await waitingToSign(page);
    expect(waiting).toBeGreaterThanOrEqual(10);
    await page.goto('/signing');
    await expect(page.locator('.queue__item')).toHaveCount(waiting);
    // Three actions and one PIN entry for all of them: "Ký tất cả", the PIN, "Ký".
    await page.getByTestId('sign-all').click();
    const dialog = page.getByRole('dialog');
    // The PIN has the focus: the leader types it at once.
    await expect(dialog.getByTestId('batch-pin')).toBeFocused();
    await dialog.getByTestId('batch-pin').fill(SIGNING_PIN);
    const started = Date.now();
    await dialog.getByTestId('batch-confirm').click();
    await expect(dialog.getByTestId('batch-summary')).toHaveText(`Đã ký ${waiting} văn bản; 0 văn bản không ký được.`, { timeout: 180_000 });
    const elapsed = Date.now() - started;
    await expect(dialog.locator('[data-status="signed"]')).toHaveCount(waiting);
    // A figure for the note, not a timed assertion: how long the whole batch took in the browser.
    test.info().annotations.push({ type: 'batch-sign', description: `${waiting} documents, one PIN entry, ${elapsed} ms` });
    console.log(`batch signing: ${waiting} documents with one PIN entry in ${elapsed} ms`);
    await page.screenshot(screenshotOf('25-batch-signed'));
    await dialog.getByTestId('batch-close').click();
    await expect(page.getByText('Không có văn bản nào chờ bạn ký.')).toBeVisible();
  } finally {
    for (const person of [drafter, reviewer, chairman]) await person.context.close();
  }
});
