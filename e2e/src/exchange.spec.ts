import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, screenshotOf, test } from '../support/fixtures';
import { callApi, logInAs, PEOPLE } from '../support/people';

const PDF = readFileSync(resolve(__dirname, '../../libs/pdf-signing/test/corpus/libreoffice-ke-hoach.pdf'));

/** A document packet of UBND tỉnh Lâm Đồng to the demo district (mã định danh H38.08), written by hand. */
function packet(subject: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLEnvelope>
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        <edXML:From><edXML:OrganId>000.00.00.H41</edXML:OrganId><edXML:OrganName>UBND tỉnh Lâm Đồng</edXML:OrganName></edXML:From>
        <edXML:To><edXML:OrganId>H38.08</edXML:OrganId><edXML:OrganName>UBND huyện Tuy Đức</edXML:OrganName></edXML:To>
        <edXML:DocumentId>000.00.00.H41,2026/03/05,321/UBND-KT</edXML:DocumentId>
        <edXML:Code><edXML:CodeNumber>321</edXML:CodeNumber><edXML:CodeNotation>UBND-KT</edXML:CodeNotation></edXML:Code>
        <edXML:PromulgationInfo><edXML:Place>Lâm Đồng</edXML:Place><edXML:PromulgationDate>2026/03/05</edXML:PromulgationDate></edXML:PromulgationInfo>
        <edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
        <edXML:Subject>${subject}</edXML:Subject>
        <edXML:OtherInfo><edXML:Priority>0</edXML:Priority></edXML:OtherInfo>
      </edXML:MessageHeader>
      <edXML:TraceHeaderList>
        <edXML:TraceHeader><edXML:OrganId>000.00.00.H41</edXML:OrganId><edXML:Timestamp>2026/03/05 09:00:00</edXML:Timestamp></edXML:TraceHeader>
        <edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType></edXML:Bussiness>
      </edXML:TraceHeaderList>
    </edXML:edXMLHeader>
  </edXML:edXMLEnvelope>
  <edXML:AttachmentEncoded>
    <edXML:Attachment>
      <edXML:ContentId>cid:1</edXML:ContentId>
      <edXML:AttachmentName>cong-van-321.pdf</edXML:AttachmentName>
      <edXML:ContentType>application/pdf</edXML:ContentType>
      <edXML:ContentTransferEncoded>${PDF.toString('base64')}</edXML:ContentTransferEncoded>
    </edXML:Attachment>
  </edXML:AttachmentEncoded>
</edXML:edXML>`;
}

test('the clerk sees a document from another system and a duplicate warning, and refuses the document (02) with a reason', async ({ browser, baseURL }) => {
  // Arrange: the administrator registers the province's LGSP as a peer; the peer posts two packets.
  const admin = await logInAs(browser, baseURL as string, 'admin');
  const { token } = await callApi<{ token: string }>(admin.page, 'POST', '/api/admin/exchange/peers', { name: 'LGSP tỉnh Lâm Đồng' });
  await admin.context.close();
  const post = (xml: string) =>
    fetch(`${baseURL}/api/exchange/packets`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, body: xml });
  expect((await post(packet('V/v kiểm tra công tác phòng cháy rừng mùa khô'))).status).toBe(200);
  expect((await post(packet('V/v kiểm tra công tác phòng cháy rừng mùa khô (gửi lại)'))).status).toBe(409);

  const { context, page } = await logInAs(browser, baseURL as string, PEOPLE.districtClerk);
  try {
    await page.getByRole('navigation').getByRole('link', { name: 'Liên thông' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Liên thông văn bản' })).toBeVisible();
    const rows = page.getByTestId('exchange-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByTestId('duplicate-warning')).toContainText('Cảnh báo trùng');
    const received = rows.nth(1);
    await expect(received).toContainText('321/UBND-KT');
    await expect(received).toContainText('UBND tỉnh Lâm Đồng');
    await expect(received.getByTestId('packet-outcome')).toHaveText('Đã tiếp nhận');
    await page.screenshot(screenshotOf('40-exchange-inbox'));

    await received.getByTestId('refuse').click();
    await page.getByTestId('reason-text').fill('Văn bản không thuộc thẩm quyền giải quyết của huyện');
    await page.getByTestId('reason-confirm').click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByTestId('exchange-row').nth(1).getByTestId('refuse')).toHaveCount(0);

    await page.getByTestId('exchange-outbox').click();
    const refusal = page.getByTestId('exchange-row').filter({ hasText: 'Từ chối tiếp nhận' });
    await expect(refusal).toContainText('Văn bản không thuộc thẩm quyền giải quyết của huyện');
    await expect(refusal).toContainText('000.00.00.H41');
    await page.screenshot(screenshotOf('41-exchange-outbox'));

    // The document itself is returned to the sender.
    await page.getByTestId('exchange-inbox').click();
    await page.getByTestId('exchange-row').nth(1).getByRole('link', { name: 'Mở văn bản' }).click();
    await expect(page.getByText('Đã trả lại nơi gửi').first()).toBeVisible();
  } finally {
    await context.close();
  }
});
