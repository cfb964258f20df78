import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';


import { zipFiles } from '../src/lib/edxml/zip';

export { hostilePdf } from '@vanthu/server/testing';

/** The sample PDFs of libs/pdf-signing (its test/corpus/README.md says what each one is). */
export const corpusFile = (name: string): Buffer => readFileSync(resolve(__dirname, '../../../pdf-signing/test/corpus', name));

const template = (name: string): string => readFileSync(join(__dirname, 'packets', name), 'utf8');

export interface DocumentPacketFields {
  to?: string;
  number?: string;
  business?: 0 | 1 | 2 | 3;
  reason?: string;
  /** DocumentIds this packet replaces (business type 3). */
  replaces?: string[];
  main?: Buffer;
  appendix?: Buffer;
}

/**
 * A document packet from the hand-written template (test/packets/new-document.xml): the main
 * file zipped then base64 (`application/zip`), the appendix plain base64 under an unprefixed
 * `ContentTransferEncoded` — both forms senders use.
 */
export function documentPacket(f: DocumentPacketFields = {}): Buffer {
  const main = f.main ?? corpusFile('libreoffice-ke-hoach.pdf');
  const appendix = f.appendix ?? corpusFile('chromium-thong-bao.pdf');
  const replacements = f.replaces?.length
    ? `<edXML:ReplacementInfoList>${f.replaces
        .map((id) => `<edXML:ReplacementInfo><edXML:DocumentId>${id}</edXML:DocumentId><edXML:OrganIdList><edXML:OrganId>${f.to ?? 'H38.08'}</edXML:OrganId></edXML:OrganIdList></edXML:ReplacementInfo>`)
        .join('')}</edXML:ReplacementInfoList>`
    : '';
  const xml = template('new-document.xml')
    .replaceAll('{{TO}}', f.to ?? 'H38.08')
    .replaceAll('{{NUMBER}}', f.number ?? '512')
    .replace('{{BUSINESS}}', String(f.business ?? 0))
    .replace('{{REASON}}', f.reason ?? '')
    .replace('{{REPLACEMENTS}}', replacements)
    .replace('{{MAIN_ZIPPED_BASE64}}', zipFiles([{ name: 'Công văn 512.pdf', bytes: main }]).toString('base64'))
    .replace('{{APPENDIX_BASE64}}', appendix.toString('base64'));
  return Buffer.from(xml, 'utf8');
}

export interface StatusPacketFields {
  from: string;
  fromName?: string;
  organ: string;
  code: string;
  date?: string;
  documentId: string;
  status: string;
  description?: string;
}

/** A status packet from the hand-written template (test/packets/status.xml). */
export function statusPacket(f: StatusPacketFields): Buffer {
  const xml = template('status.xml')
    .replace('{{FROM}}', f.from)
    .replace('{{FROM_NAME}}', f.fromName ?? 'Cơ quan gửi trạng thái')
    .replace('{{ORGAN}}', f.organ)
    .replace('{{CODE}}', f.code)
    .replace('{{DATE}}', f.date ?? '2026/03/05')
    .replace('{{DOCUMENT_ID}}', f.documentId)
    .replace('{{STATUS}}', f.status)
    .replace('{{DESCRIPTION}}', f.description ?? '');
  return Buffer.from(xml, 'utf8');
}
