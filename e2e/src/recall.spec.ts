import { expect, screenshotOf, test } from '../support/fixtures';
import { callApi, logInAs, PEOPLE, SIGNING_PIN } from '../support/people';

interface Detail {
  id: number;
  deliveries: { recipient: { name: string }; incomingDocumentId: number | null }[];
}

const SUBJECT = 'Thông báo lịch tổ chức hội nghị tập huấn chuyển đổi số (thu hồi)';

test('the district clerk asks to recall a dispatched document, the chairman approves, the Quảng Tân clerk acknowledges', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  const clerk = await logInAs(browser, base, PEOPLE.districtClerk);
  const communeClerk = await logInAs(browser, base, PEOPLE.qtClerk);
  try {
    // Arranged through the API the screens use: drafted, approved and signed by the chairman, issued and dispatched.
    const organisations = await callApi<{ id: number; kind: string }[]>(drafter.page, 'GET', '/api/organisations');
    const members = await callApi<{ id: number; username: string }[]>(drafter.page, 'GET', `/api/organisations/${organisations[0].id}/members`);
    const chairmanId = members.find((m) => m.username === PEOPLE.chairman)?.id;
    const draft = await callApi<{ id: number }>(drafter.page, 'POST', '/api/outgoing', {
      type: 'thong-bao',
      subject: SUBJECT,
      urgency: 'thuong',
      securityLevel: 'thuong',
      recipientIds: organisations.filter((o) => o.kind === 'commune').map((o) => o.id),
      signerId: chairmanId,
      signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/files/generate`, { body: ['Kính gửi các xã.'] });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/submit`, { reviewerIds: [chairmanId] });
    await callApi(chairman.page, 'POST', `/api/outgoing/${draft.id}/review`, { decision: 'approve' });
    await callApi(chairman.page, 'POST', `/api/outgoing/${draft.id}/sign`, { pin: SIGNING_PIN });
    await callApi(clerk.page, 'POST', `/api/outgoing/${draft.id}/issue`, { pin: SIGNING_PIN });
    const sent = await callApi<Detail>(clerk.page, 'POST', `/api/outgoing/${draft.id}/dispatch`, {});
    const copyId = sent.deliveries.find((d) => d.recipient.name === 'UBND xã Quảng Tân')?.incomingDocumentId;
    expect(copyId).toBeTruthy();

    await test.step('the district clerk asks to recall it, with a reason', async () => {
      const page = clerk.page;
      await page.goto(`/outgoing/${draft.id}`);
      await page.getByTestId('recall').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText('lãnh đạo đã ký văn bản duyệt');
      await dialog.getByTestId('recall-reason').fill('Thay đổi thời gian tổ chức hội nghị.');
      await dialog.getByTestId('recall-confirm').click();
      await expect(page.getByTestId('recall-request')).toContainText('Đề nghị Thu hồi chờ lãnh đạo ký duyệt. Lý do: Thay đổi thời gian tổ chức hội nghị.');
      await expect(page.getByTestId('recall')).toHaveCount(0);
    });

    await test.step('the chairman who signed it approves: every copy is withdrawn', async () => {
      const page = chairman.page;
      await page.goto(`/outgoing/${draft.id}`);
      await page.getByTestId('recall-approve').click();
      await expect(page.getByTestId('document-status')).toContainText('Đã thu hồi');
      await expect(page.getByTestId('deliveries').locator('tr', { hasText: 'UBND xã Quảng Tân' }).getByTestId('delivery-recall')).toContainText('Thu hồi · Chưa xác nhận');
    });

    await test.step('the Quảng Tân clerk sees the recall and acknowledges it; the sender sees the acknowledgement', async () => {
      const page = communeClerk.page;
      await page.goto(`/incoming/${copyId}`);
      await expect(page.getByTestId('copy-recall')).toContainText('Nơi gửi đã thu hồi văn bản này. Lý do: Thay đổi thời gian tổ chức hội nghị.');
      await expect(page.getByTestId('actions').getByRole('button')).toHaveText(['Xác nhận đã biết']);
      await page.screenshot(screenshotOf('recall-copy-withdrawn'));
      await page.getByTestId('recall-acknowledge').click();
      await expect(page.getByTestId('copy-recall')).toContainText('Đã xác nhận');
      await expect(page.getByTestId('recall-acknowledge')).toHaveCount(0);

      await clerk.page.goto(`/outgoing/${draft.id}`);
      await expect(clerk.page.getByTestId('deliveries').locator('tr', { hasText: 'UBND xã Quảng Tân' }).getByTestId('delivery-recall')).toContainText('Thu hồi · Đã xác nhận');
      await expect(clerk.page.getByTestId('deliveries').locator('tr', { hasText: 'UBND xã Đắk Ngo' }).getByTestId('delivery-recall')).toContainText('Chưa xác nhận');
    });
  } finally {
    for (const person of [drafter, chairman, clerk, communeClerk]) await person.context.close();
  }
});
