import { expect, Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { callApi } from './people';

// Arranging data for a test through the API the screens use (quicker than clicking, and the
// same rules apply), and finding one's way to what was arranged.

/** A one-page PDF to attach (phụ lục), made here so that the tests carry no binary fixture. */
export async function attachmentPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  page.drawText('PHU LUC: Danh sach xa trien khai', { x: 90, y: 760, size: 14, font: await pdf.embedFont(StandardFonts.TimesRoman) });
  return Buffer.from(await pdf.save());
}

/** The id of the document the page shows (/incoming/12, /outgoing/34/edit). */
export function idFromUrl(page: Page): number {
  const match = /\/(?:incoming|outgoing)\/(\d+)/.exec(page.url());
  if (!match) throw new Error(`no document id in ${page.url()}`);
  return Number(match[1]);
}

/** The communes and the district's members by username, as the drafter's screens read them. */
export async function districtDirectory(page: Page): Promise<{ communes: number[]; communeNamed: (name: string) => number | undefined; idOf: (username: string) => number | undefined }> {
  const organisations = await callApi<{ id: number; kind: string; name: string }[]>(page, 'GET', '/api/organisations');
  const members = await callApi<{ id: number; username: string }[]>(page, 'GET', `/api/organisations/${organisations[0].id}/members`);
  const communes = organisations.filter((o) => o.kind === 'commune');
  return {
    communes: communes.map((o) => o.id),
    communeNamed: (name) => communes.find((o) => o.name.includes(name))?.id,
    idOf: (username) => members.find((m) => m.username === username)?.id,
  };
}

/** A draft to the communes with a generated main file, submitted to `reviewerId`: arranged through the API the screens use. */
export async function submittedDraft(page: Page, o: { type: string; subject: string; communes: number[]; signerId?: number; reviewerId?: number; urgency?: string }): Promise<number> {
  const draft = await callApi<{ id: number }>(page, 'POST', '/api/outgoing', {
    type: o.type,
    subject: o.subject,
    urgency: o.urgency ?? 'thuong',
    securityLevel: 'thuong',
    recipientIds: o.communes,
    signerId: o.signerId,
    signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
  });
  await callApi(page, 'POST', `/api/outgoing/${draft.id}/files/generate`, { body: ['Kính gửi các xã.'] });
  await callApi(page, 'POST', `/api/outgoing/${draft.id}/submit`, { reviewerIds: [o.reviewerId] });
  return draft.id;
}

/** How many documents already wait for this leader's signature (a test that failed earlier may
 * have left one): the queue tests count on top of it instead of assuming an empty queue. */
export async function waitingToSign(page: Page): Promise<number> {
  const listed = await callApi<{ total: number }>(page, 'GET', '/api/documents?queue=awaiting-my-signature&pageSize=100');
  return listed.total;
}

/** Opens the document with this subject from a work queue of the list page (`/outgoing`, `/incoming`). */
export async function openFromQueue(page: Page, path: string, queue: string, subject: string): Promise<void> {
  await page.goto(`${path}?queue=${queue}`);
  await page.getByTestId('document-table').getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(subject);
}

/** The pages of the people who take a district document from draft to dispatch. */
export interface DistrictDesk {
  drafter: Page;
  chairman: Page;
  districtClerk: Page;
}

/**
 * A district document drafted, approved and signed by the chairman, issued and dispatched to one
 * commune, all through the API: it waits in that commune's "to register" queue. Nothing is left
 * in the chairman's signing queue. Returns the outgoing document's id and its number and symbol.
 */
export async function dispatchedToCommune(desk: DistrictDesk, o: { subject: string; commune: string; urgency?: string }): Promise<{ outgoingId: number; symbol: string }> {
  const { idOf, communeNamed } = await districtDirectory(desk.drafter);
  const communeId = communeNamed(o.commune);
  if (!communeId) throw new Error(`no commune named ${o.commune}`);
  const chairmanId = idOf('tuyduc.lanhdao');
  const outgoingId = await submittedDraft(desk.drafter, { type: 'cong-van', subject: o.subject, communes: [communeId], signerId: chairmanId, reviewerId: chairmanId, urgency: o.urgency });
  await callApi(desk.chairman, 'POST', `/api/outgoing/${outgoingId}/review`, { decision: 'approve' });
  await callApi(desk.chairman, 'POST', `/api/outgoing/${outgoingId}/sign`, { pin: '123456' });
  const issued = await callApi<{ symbol: string }>(desk.districtClerk, 'POST', `/api/outgoing/${outgoingId}/issue`, { pin: '123456' });
  await callApi(desk.districtClerk, 'POST', `/api/outgoing/${outgoingId}/dispatch`, {});
  return { outgoingId, symbol: issued.symbol };
}

/** The commune's copy of a dispatched document (delivered by the worker), as its clerk's incoming list finds it by subject. */
export async function incomingCopy(clerk: Page, subject: string): Promise<number> {
  let id = 0;
  await expect
    .poll(
      async () => {
        const listed = await callApi<{ items: { id: number; subject: string }[] }>(clerk, 'GET', `/api/documents?direction=incoming&q=${encodeURIComponent(subject)}&pageSize=20`);
        id = listed.items.find((item) => item.subject === subject)?.id ?? 0;
        return id;
      },
      { timeout: 60_000, message: `the incoming copy of "${subject}"` },
    )
    .toBeGreaterThan(0);
  return id;
}
