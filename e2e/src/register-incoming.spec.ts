import { expect, screenshotOf, test } from '../support/fixtures';
import { callApi, logInAs, PEOPLE, SIGNING_PIN } from '../support/people';

// Issue 16, item 6: registering incoming mail is no longer a blind click. The Quảng Tân clerk
// opens a copy the district delivered, "Vào sổ" shows what will be registered, and after the
// confirmation the arrival number is said in words, in the snackbar and on the page.

const SUBJECT = `Công văn về việc rà soát hộ nghèo (${Date.now().toString(36)})`;

test('the commune clerk registers a delivered document through the dialog and is told its arrival number', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  const districtClerk = await logInAs(browser, base, PEOPLE.districtClerk);
  const clerk = await logInAs(browser, base, PEOPLE.qtClerk);
  try {
    // Arrange through the API the screens use: drafted, approved, signed, issued, dispatched to Quảng Tân.
    const organisations = await callApi<{ id: number; name: string }[]>(drafter.page, 'GET', '/api/organisations');
    const quangTan = organisations.find((o) => o.name.includes('Quảng Tân'));
    const members = await callApi<{ id: number; username: string }[]>(drafter.page, 'GET', `/api/organisations/${organisations[0].id}/members`);
    const chairmanId = members.find((m) => m.username === PEOPLE.chairman)?.id;
    expect(quangTan).toBeDefined();
    const draft = await callApi<{ id: number }>(drafter.page, 'POST', '/api/outgoing', {
      type: 'cong-van',
      subject: SUBJECT,
      urgency: 'thuong',
      securityLevel: 'thuong',
      recipientIds: [quangTan?.id],
      signerId: chairmanId,
      signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/files/generate`, { body: ['Kính gửi UBND xã Quảng Tân.'] });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/submit`, { reviewerIds: [chairmanId] });
    await callApi(chairman.page, 'POST', `/api/outgoing/${draft.id}/review`, { decision: 'approve' });
    await callApi(chairman.page, 'POST', `/api/outgoing/${draft.id}/sign`, { pin: SIGNING_PIN });
    const issued = await callApi<{ symbol: string }>(districtClerk.page, 'POST', `/api/outgoing/${draft.id}/issue`, { pin: SIGNING_PIN });
    await callApi(districtClerk.page, 'POST', `/api/outgoing/${draft.id}/dispatch`, {});

    const page = clerk.page;
    await page.goto('/incoming?queue=to-register');
    await page.getByTestId('document-table').getByRole('link', { name: SUBJECT }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(SUBJECT);

    await page.getByTestId('actions').getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading')).toHaveText('Vào sổ văn bản đến');
    await expect(dialog.getByTestId('register-subject')).toHaveText(SUBJECT);
    await expect(dialog.getByTestId('register-symbol')).toHaveText(issued.symbol);
    await expect(dialog.getByTestId('register-sender')).toContainText('Tuy Đức');
    await expect(dialog.getByTestId('register-date')).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
    // Nothing is registered until the clerk confirms.
    await expect(page.getByTestId('document-status')).toHaveText('Chờ vào sổ');
    await page.screenshot(screenshotOf('30-register-dialog'));
    await dialog.getByTestId('register-confirm').click();

    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('document-status')).toHaveText('Đã vào sổ');
    const arrival = (await page.getByTestId('arrival-number').textContent())?.trim() ?? '';
    expect(arrival).toMatch(/^\d+$/);
    await expect(page.getByTestId('registered-announce')).toHaveText(`Đã vào sổ văn bản đến số ${arrival}.`);
    await expect(page.locator('[matsnackbarlabel]')).toContainText(`Đã vào sổ văn bản đến số ${arrival}.`);
    await page.screenshot(screenshotOf('31-registered-announced'));
  } finally {
    for (const person of [drafter, chairman, districtClerk, clerk]) await person.context.close();
  }
});
