import { randomBytes } from 'node:crypto';

import { CSRF_HEADER, DocumentDetail, DocumentFileView, DocumentType, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { ApiClient, httpRequest, ok, Reply, Session } from './api-client';

/** The demo district's people who take a Kế hoạch through the route (PIN 123456 opens every key). */
export const DEMO_ROUTE = {
  issuer: 'tuyduc',
  drafter: 'tuyduc-nv.chuyenvien1',
  reviewer: 'tuyduc-nv.lanhdao',
  signer: 'tuyduc.lanhdao',
  clerk: 'tuyduc.vanthu',
  pin: '123456',
} as const;

export async function organisationIdOf(db: DataSource, code: string): Promise<number> {
  const [row] = await db.query('SELECT id FROM organisation WHERE code = ?', [code]);
  if (!row) throw new Error(`No organisation ${code}`);
  return Number(row.id);
}

export async function userIdOf(db: DataSource, username: string): Promise<number> {
  const [row] = await db.query('SELECT id FROM `user` WHERE username = ?', [username]);
  if (!row) throw new Error(`No user ${username}`);
  return Number(row.id);
}

/** An issued document waiting for dispatch, and the clerk who issued it. */
export interface IssuedDocument {
  id: number;
  symbol: string;
  recipientIds: number[];
  clerk: Session;
}

/**
 * A Kế hoạch taken through the real routing API up to the chairman's signature, as the people do
 * it: Phòng Nội vụ drafts it in the name of UBND huyện (its main file laid out from the form), its
 * head approves, the chairman signs. Returns the document's id.
 */
export async function signThroughTheRoute(api: ApiClient, db: DataSource, subject: string, recipientIds: number[], attachments: Buffer[] = []): Promise<number> {
  const drafter = await api.logIn(DEMO_ROUTE.drafter);
  const draft = await ok(
    api.call<DocumentDetail>('POST', '/api/outgoing', drafter, {
      type: DocumentType.Plan,
      subject,
      urgency: Urgency.Normal,
      securityLevel: SecurityLevel.Normal,
      issuingOrganisationId: await organisationIdOf(db, DEMO_ROUTE.issuer),
      recipientIds,
      signerId: await userIdOf(db, DEMO_ROUTE.signer),
      signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    }),
  );
  await ok(api.call('POST', `/api/outgoing/${draft.id}/files/generate`, drafter, {}));
  for (const [i, pdf] of attachments.entries()) await ok(uploadFile(api, drafter, draft.id, pdf, `Phụ lục ${i + 1}.pdf`));
  await ok(api.call('POST', `/api/outgoing/${draft.id}/submit`, drafter, { reviewerIds: [await userIdOf(db, DEMO_ROUTE.reviewer)] }));
  await ok(api.call('POST', `/api/outgoing/${draft.id}/review`, await api.logIn(DEMO_ROUTE.reviewer), { decision: 'approve' }));
  await ok(api.call('POST', `/api/outgoing/${draft.id}/sign`, await api.logIn(DEMO_ROUTE.signer), { pin: DEMO_ROUTE.pin }));
  return draft.id;
}

/** A multipart upload of `pdf` as an attachment of the draft, as the browser sends it. */
export async function uploadFile(api: ApiClient, session: Session, draftId: number, pdf: Buffer, name = 'phu-luc.pdf'): Promise<Reply<DocumentFileView>> {
  const boundary = `----vanthu${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="role"\r\n\r\nattachment\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\nContent-Type: application/pdf\r\n\r\n`, 'utf8'),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'),
  ]);
  const reply = await httpRequest(`${api.url}/api/outgoing/${draftId}/files`, {
    method: 'POST',
    headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrf, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) },
    body,
    ca: api.ca,
  });
  const text = reply.body.toString('utf8');
  return { status: reply.status, body: (text ? JSON.parse(text) : null) as DocumentFileView };
}

/** {@link signThroughTheRoute}, then the district clerk issues it with the seal. */
export async function issueThroughTheRoute(api: ApiClient, db: DataSource, subject: string, recipientIds: number[]): Promise<IssuedDocument> {
  const id = await signThroughTheRoute(api, db, subject, recipientIds);
  const clerk = await api.logIn(DEMO_ROUTE.clerk);
  const issued = await ok(api.call<DocumentDetail>('POST', `/api/outgoing/${id}/issue`, clerk, { pin: DEMO_ROUTE.pin }));
  return { id, symbol: issued.symbol ?? '', recipientIds, clerk };
}

/** `POST /api/outgoing/:id/dispatch` to the document's recipients: each organisation's incoming copy id. */
export async function dispatchIssued(api: ApiClient, issued: IssuedDocument): Promise<Map<number, string>> {
  const dispatched = await ok(api.call<DocumentDetail>('POST', `/api/outgoing/${issued.id}/dispatch`, issued.clerk, {}));
  return new Map(dispatched.deliveries.map((d) => [d.recipient.id, String(d.incomingDocumentId)]));
}
