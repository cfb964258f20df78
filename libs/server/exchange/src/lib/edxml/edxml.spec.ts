import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ErrorCode } from '@vanthu/shared/contracts';

import { corpusFile, documentPacket, statusPacket } from '../../../test/packets';
import { PacketRefused } from './errors';
import { BusinessType, DEFAULT_PACKET_LIMITS, EdxmlDocumentPacket, StatusCode } from './model';
import { parseEdxml } from './parse';
import { writeDocumentPacket, writeStatusPacket } from './write';
import { unzipBounded, zipFiles } from './zip';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function refusal(bytes: Buffer, limits = DEFAULT_PACKET_LIMITS): PacketRefused {
  try {
    parseEdxml(bytes, limits);
  } catch (error) {
    if (error instanceof PacketRefused) return error;
    throw error;
  }
  throw new Error('the packet was accepted');
}

describe('edXML packets (QCVN 102:2016)', () => {
  it('reads every header field of a hand-written document packet, both attachment forms decoded', () => {
    const packet = parseEdxml(documentPacket()) as EdxmlDocumentPacket;
    expect(packet.kind).toBe('document');
    expect(packet.from).toMatchObject({ organId: '000.00.00.H41', organName: 'Ủy ban nhân dân tỉnh Lâm Đồng', address: '36 Trần Phú, Đà Lạt' });
    expect(packet.to.map((t) => t.organId)).toEqual(['H38.08', '000.00.99.H99']);
    expect(packet.documentId).toBe('000.00.00.H41,2026/03/05,512/UBND-VX');
    expect(packet.code).toEqual({ number: '512', notation: 'UBND-VX' });
    expect(packet.promulgation).toEqual({ place: 'Lâm Đồng', date: '2026-03-05' });
    expect(packet.type).toEqual({ code: '1', detail: '0', name: 'Công văn' });
    expect(packet.subject).toBe('V/v triển khai chuyển đổi số & cải cách hành chính năm 2026');
    expect(packet.signer).toEqual({ competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Thị Hạnh' });
    expect(packet.dueDate).toBe('2026-03-20');
    expect(packet.other).toMatchObject({ priority: 1, pageAmount: 2, promulgationAmount: 1, appendixes: ['Phụ lục danh sách đơn vị'] });
    expect(packet.toPlaces).toEqual(['Như trên', 'Lưu: VT, VX']);
    // Vietnam time 09:15 is 02:15 UTC.
    expect(packet.trace).toEqual([{ organId: '000.00.00.H41', timestamp: '2026-03-05T02:15:00.000Z' }]);
    expect(packet.business).toMatchObject({ type: BusinessType.New, paper: false, staff: { staff: 'Lê Thị Thu Hà' } });
    expect(packet.attachments.map((a) => [a.name, a.contentType, sha(a.bytes)])).toEqual([
      ['Công văn 512.pdf', 'application/pdf', sha(corpusFile('libreoffice-ke-hoach.pdf'))],
      ['phu-luc.pdf', 'application/pdf', sha(corpusFile('chromium-thong-bao.pdf'))],
    ]);
  });

  it('reads the replaced documents of a replace packet', () => {
    const packet = parseEdxml(documentPacket({ business: 3, replaces: ['000.00.00.H41,2026/03/01,500/UBND-VX'] })) as EdxmlDocumentPacket;
    expect(packet.business.type).toBe(BusinessType.Replace);
    expect(packet.business.replacements).toEqual([{ documentId: '000.00.00.H41,2026/03/01,500/UBND-VX', organIds: ['H38.08'] }]);
  });

  it('writes a document packet that reads back field for field, with the same bytes in its attachments', () => {
    const original = parseEdxml(documentPacket()) as EdxmlDocumentPacket;
    const again = parseEdxml(writeDocumentPacket(original)) as EdxmlDocumentPacket;
    const { attachments, ...header } = again;
    const { attachments: before, ...expected } = original;
    expect(header).toEqual(expected);
    expect(attachments.map((a) => [a.name, sha(a.bytes)])).toEqual(before.map((a) => [a.name, sha(a.bytes)]));
  });

  it('escapes what would otherwise become markup', () => {
    const original = parseEdxml(documentPacket()) as EdxmlDocumentPacket;
    const subject = 'Về việc <b>"thử"</b> & kiểm tra ]]> <!-- x -->';
    const again = parseEdxml(writeDocumentPacket({ ...original, subject })) as EdxmlDocumentPacket;
    expect(again.subject).toBe(subject);
  });

  it.each(Object.values(StatusCode))('reads and writes status %s', (code) => {
    const packet = parseEdxml(
      statusPacket({ from: 'H38.08', organ: '000.00.00.H41', code: '512/UBND-VX', documentId: '000.00.00.H41,2026/03/05,512/UBND-VX', status: code, description: 'Sai nơi nhận' }),
    );
    expect(packet).toMatchObject({ kind: 'status', statusCode: code, description: 'Sai nơi nhận', timestamp: '2026-03-06T01:00:00.000Z' });
    expect(parseEdxml(writeStatusPacket(packet as never))).toEqual(packet);
  });

  describe('refuses, saying why', () => {
    it('a packet in another namespace', () => {
      const wrong = Buffer.from(documentPacket().toString('utf8').replace('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'http://example.org/other'));
      expect(refusal(wrong).code).toBe(ErrorCode.PacketWrongNamespace);
    });

    it('a packet whose root has no namespace', () => {
      expect(refusal(Buffer.from('<edXML><edXMLEnvelope/></edXML>')).code).toBe(ErrorCode.PacketWrongNamespace);
    });

    it.each([
      ['DocumentId', /<edXML:DocumentId>[^<]*<\/edXML:DocumentId>/],
      ['Subject', /<edXML:Subject>[^<]*<\/edXML:Subject>/],
      ['CodeNumber', /<edXML:CodeNumber>[^<]*<\/edXML:CodeNumber>/],
      ['To', /<edXML:To>[\s\S]*?<\/edXML:To>\s*<edXML:To>[\s\S]*?<\/edXML:To>/],
      ['From', /<edXML:From>[\s\S]*?<\/edXML:From>/],
      ['PromulgationDate', /<edXML:PromulgationDate>[^<]*<\/edXML:PromulgationDate>/],
      ['TypeName', /<edXML:TypeName>[^<]*<\/edXML:TypeName>/],
      ['DocumentType', /<edXML:DocumentType>[\s\S]*?<\/edXML:DocumentType>/],
    ])('a packet without %s', (element, pattern) => {
      const text = documentPacket().toString('utf8');
      expect(pattern.test(text)).toBe(true);
      const error = refusal(Buffer.from(text.replace(pattern, '')));
      expect(error.code).toBe(ErrorCode.PacketMissingElement);
      expect(error.text.en).toContain(element);
      expect(error.text.vi).toContain('thiếu thành phần bắt buộc');
    });

    it.each([
      ['From', 'longer than 13 characters', '000.00.00.H41X'],
      ['From', 'not groups of letters and digits', 'H41 / Lâm Đồng'],
      ['To', 'longer than 13 characters', 'H38.08.20.001.9'],
    ])('a %s OrganId %s, never cut to fit', (element, _why, code) => {
      const text = documentPacket().toString('utf8');
      const changed = element === 'From' ? text.replace('<edXML:OrganId>000.00.00.H41</edXML:OrganId>', `<edXML:OrganId>${code}</edXML:OrganId>`) : text.replace('<edXML:OrganId>H38.08</edXML:OrganId>', `<edXML:OrganId>${code}</edXML:OrganId>`);
      expect(changed).not.toBe(text);
      const error = refusal(Buffer.from(changed));
      expect(error.code).toBe(ErrorCode.InvalidIdentifierCode);
      expect(error.text.vi).toContain(`Mã định danh "${code}" ở "`);
      expect(error.text.vi).toContain(`${element}/OrganId`);
      expect(error.text.en).toContain('at most 13 characters');
    });

    it('a status whose From OrganId is not an identifier code', () => {
      expect(refusal(statusPacket({ from: '000.00.00.H41.TOOLONG', organ: 'X', code: '1/X', documentId: 'X,2026/03/05,1/X', status: '03' })).code).toBe(ErrorCode.InvalidIdentifierCode);
    });

    it('an attachment that is not base64', () => {
      const text = documentPacket().toString('utf8').replace(/(<edXML:ContentTransferEncoded>)[A-Za-z0-9+/]{8}/, '$1@@@!!%%*');
      const error = refusal(Buffer.from(text));
      expect(error.code).toBe(ErrorCode.PacketBadAttachment);
      expect(error.text.vi).toContain('base64');
    });

    it('a zip bomb, after inflating no more than the limit', () => {
      // 60 MB of zeros deflate to about 60 kB: a ratio of 1000, far beyond any document.
      const zeros = Buffer.alloc(60 * 1024 * 1024);
      const bomb = zipFiles([{ name: 'bom.pdf', bytes: zeros }]);
      expect(bomb.length).toBeLessThan(200_000);
      const text = documentPacket().toString('utf8').replace(/(<edXML:ContentTransferEncoded>)[^<]+/, `$1${bomb.toString('base64')}`);
      const error = refusal(Buffer.from(text), { ...DEFAULT_PACKET_LIMITS, maxFileBytes: 100 * 1024 * 1024, maxTotalBytes: 200 * 1024 * 1024 });
      expect(error.code).toBe(ErrorCode.PacketTooLarge);
      expect(error.text.en).toMatch(/zip bomb/);
    });

    it('an unzipped file larger than the limit, even at an innocent ratio', () => {
      const big = zipFiles([{ name: 'lon.pdf', bytes: Buffer.alloc(3 * 1024 * 1024, 'a') }]);
      expect(() => unzipBounded(big, 'lon.zip', { ...DEFAULT_PACKET_LIMITS, maxFileBytes: 1024 * 1024, maxRatio: 100_000 }, { remaining: 1e9 })).toThrow(/larger than the allowed 1 MB/);
    });

    it('a zip that lies about its size in the directory', () => {
      const zip = zipFiles([{ name: 'a.pdf', bytes: Buffer.alloc(2 * 1024 * 1024) }]);
      // Declared sizes say 10 bytes; the data inflates to 2 MB.
      zip.writeUInt32LE(10, 22);
      const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      zip.writeUInt32LE(10, central + 24);
      expect(() => unzipBounded(zip, 'a.zip', { ...DEFAULT_PACKET_LIMITS, maxFileBytes: 1024 * 1024, maxRatio: 1e9 }, { remaining: 1e9 })).toThrow(PacketRefused);
    });

    it('an external entity (XXE), without reading the file', () => {
      const text = documentPacket()
        .toString('utf8')
        .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE edXML:edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
        .replace('V/v triển khai', '&xxe;');
      const error = refusal(Buffer.from(text));
      expect(error.code).toBe(ErrorCode.PacketUnsafeXml);
    });

    it('entity expansion ("billion laughs")', () => {
      const text = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">&b;</edXML:edXML>';
      expect(refusal(Buffer.from(text)).code).toBe(ErrorCode.PacketUnsafeXml);
    });

    it('XML that is not well-formed', () => {
      expect(refusal(Buffer.from('<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><a></b></edXML:edXML>')).code).toBe(ErrorCode.PacketMalformed);
    });

    it('a packet over the size limit before reading it', () => {
      const error = refusal(documentPacket(), { ...DEFAULT_PACKET_LIMITS, maxPacketBytes: 1000 });
      expect(error.code).toBe(ErrorCode.PacketTooLarge);
      expect(error.status).toBe(413);
    });

    it('a refusal status without a reason', () => {
      const error = refusal(statusPacket({ from: 'H38.08', organ: 'X', code: '1/X', documentId: 'X,2026/03/05,1/X', status: '02' }));
      expect(error.code).toBe(ErrorCode.PacketMissingElement);
      expect(error.text.en).toContain('Description');
    });

    it('an unknown status code', () => {
      expect(refusal(statusPacket({ from: 'H38.08', organ: 'X', code: '1/X', documentId: 'X,2026/03/05,1/X', status: '09' })).code).toBe(ErrorCode.PacketMissingElement);
    });
  });

  it('zips with the CRC every reader checks', () => {
    const bytes = Buffer.from('Kế hoạch', 'utf8');
    const [entry] = unzipBounded(zipFiles([{ name: 'Kế hoạch.pdf', bytes }]), 'x.zip', DEFAULT_PACKET_LIMITS, { remaining: 1e9 });
    expect(entry).toEqual({ name: 'Kế hoạch.pdf', bytes });
    // Another reader agrees: unzip, as on the receiving side of any other system.
    const dir = mkdtempSync(join(tmpdir(), 'vanthu-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), zipFiles([{ name: 'Kế hoạch.pdf', bytes }]));
      const utf8 = { env: { ...process.env, LC_ALL: 'C.UTF-8' } };
      expect(execFileSync('unzip', ['-Z1', join(dir, 'a.zip')], utf8).toString('utf8').trim()).toBe('Kế hoạch.pdf');
      expect(execFileSync('unzip', ['-p', join(dir, 'a.zip')], utf8)).toEqual(bytes);
      execFileSync('unzip', ['-q', join(dir, 'a.zip'), '-d', join(dir, 'out')], utf8);
      expect(readFileSync(join(dir, 'out', 'Kế hoạch.pdf'))).toEqual(bytes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
