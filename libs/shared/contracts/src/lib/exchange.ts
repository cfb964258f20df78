/**
 * Exchange with other e-office systems: edXML packets (QCVN 102:2016/BTTTT) through one gateway.
 *
 * Directory of external organisations
 *   GET    /exchange/organisations?q&includeInactive          → ExternalOrganisationDto[] (pickers: recipients outside)
 *   POST   /admin/external-organisations                      ExternalOrganisationRequest → ExternalOrganisationDto (201)
 *   PATCH  /admin/external-organisations/:id                  Partial<ExternalOrganisationRequest> & { active? } → ExternalOrganisationDto
 *   POST   /admin/external-organisations/import               text/csv body (identifierCode,name[,address,email,telephone,website]) → CsvImportResult
 *   GET    /admin/exchange/peers                              → ExchangePeerDto[]
 *   POST   /admin/exchange/peers                              { name, organIds? } → ExchangePeerCreated (201; the token is shown once)
 * Packets
 *   POST   /exchange/packets                                  application/xml, `Authorization: Bearer <peer token>` → PacketReceipt
 *                                                             (409 PACKET_DUPLICATE, 422/413 refusals; nothing stored)
 *   GET    /exchange/pull                                     peer token → 200 application/xml with X-Packet-Id, or 204 (gateway `pull`;
 *                                                             only packets to the peer's organIds when it has any)
 *   POST   /exchange/pull/:id/ack                             { refused?: { code, vi, en } } → { acknowledged } (only a packet the peer may pull)
 *   GET    /exchange/inbox?page&pageSize                      → Page<ExchangePacketView> (the clerk's organisation)
 *   GET    /exchange/outbox?page&pageSize                     → Page<ExchangePacketView>
 *   GET    /exchange/packets/:id/content                      → the packet's XML
 * Actions
 *   POST   /exchange/incoming/:documentId/refuse              { reason } → DocumentDetail (status 02 to the sender)
 *   POST   /exchange/incoming/:documentId/take-back           { agree, reason? } → DocumentDetail (15 or 16 to the sender)
 *   POST   /exchange/outgoing/:documentId/revoke              { reason } → DocumentDetail (business type 1 to external recipients)
 *   POST   /exchange/outgoing/:documentId/update              { reason } → DocumentDetail (business type 2)
 *   POST   /exchange/outgoing/:documentId/replace             { replacesDocumentId, reason } → DocumentDetail (business type 3)
 *   POST   /exchange/outgoing/:documentId/take-back           { reason } → DocumentDetail (status 13)
 */

export interface ExternalOrganisationDto {
  id: number;
  /** Mã định danh, up to 13 characters: `000.00.00.H41`. */
  identifierCode: string;
  name: string;
  address: string | null;
  email: string | null;
  telephone: string | null;
  website: string | null;
  active: boolean;
}

export interface ExternalOrganisationRequest {
  identifierCode: string;
  name: string;
  address?: string | null;
  email?: string | null;
  telephone?: string | null;
  website?: string | null;
}

export interface CsvImportResult {
  created: number;
  updated: number;
  /** Lines refused, 1-based, with why. */
  errors: Array<{ line: number; message: { vi: string; en: string } }>;
}

export interface ExchangePeerDto {
  id: number;
  name: string;
  /** The mã định danh of the organisations it receives for; empty: every packet (an LGSP, the national axis). */
  organIds: string[];
  active: boolean;
  createdAt: string;
}

export interface ExchangePeerCreated extends ExchangePeerDto {
  /** Give it to the peer; only its hash is kept. */
  token: string;
}

/** What became of a received packet. */
export type PacketOutcome = 'imported' | 'duplicate' | 'applied' | 'pending' | 'sent' | 'refused';

/** POST /exchange/packets: what the packet did, answered again (unchanged) if the same packet comes twice. */
export interface PacketReceipt {
  packetId: number;
  kind: 'document' | 'status';
  outcome: PacketOutcome;
  /** Our documents created or changed (incoming copies; the outgoing document a status is about). */
  documentIds: number[];
  /** For a duplicate: the incoming documents it duplicates. */
  duplicateOf: number[];
}

export interface ExchangePacketView {
  id: number;
  direction: 'in' | 'out';
  kind: 'document' | 'status';
  channel: string;
  documentKey: string;
  from: { organId: string; name: string };
  toOrganId: string | null;
  /** 0 new, 1 revoke, 2 update, 3 replace (document packets). */
  businessType: number | null;
  statusCode: string | null;
  symbol: string | null;
  subject: string | null;
  outcome: PacketOutcome;
  documentId: number | null;
  /** The status of our document now (the incoming copy's state, for the inbox). */
  documentStatus: string | null;
  duplicateOf: number | null;
  /** The sender asked to take the document back (13) and waits for the clerk's answer. */
  takeBackRequested: boolean;
  description: string | null;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

export interface RefuseExternalRequest {
  reason: string;
}

export interface TakeBackAnswerRequest {
  agree: boolean;
  reason?: string;
}

export interface ExchangeActionRequest {
  reason: string;
}

export interface ReplaceRequest {
  /** Our earlier dispatched document this one replaces. */
  replacesDocumentId: number;
  reason: string;
}
