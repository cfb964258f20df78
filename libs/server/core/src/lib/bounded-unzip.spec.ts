import { crc32, deflateRawSync } from 'node:zlib';

import { ArchiveRefused, unzipBounded } from './bounded-unzip';

interface FileSpec {
  name: string;
  data: Buffer;
  /** Store (0) or deflate (8). */
  method?: 0 | 8;
  /** The size the archive claims, when it lies. */
  claimedSize?: number;
  flags?: number;
}

/** A ZIP archive written by hand, so that tests can make it lie. */
function zip(files: FileSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const method = f.method ?? 8;
    const body = method === 8 ? deflateRawSync(f.data) : f.data;
    const name = Buffer.from(f.name, 'utf8');
    const size = f.claimedSize ?? f.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((f.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(f.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE((f.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(f.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const limits = { maxEntries: 5, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024, maxRatio: 50, ratioFloorBytes: 64 * 1024 };
const refused = (archive: Buffer): ArchiveRefused => {
  try {
    unzipBounded(archive, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ArchiveRefused);
    return error as ArchiveRefused;
  }
  throw new Error('not refused');
};
const refusal = (archive: Buffer) => refused(archive).text;

describe('unzipBounded', () => {
  it('unpacks stored and deflated files of an edXML packet', () => {
    const entries = unzipBounded(
      zip([
        { name: 'vanban.edxml', data: Buffer.from('<edXMLEnvelope>Kế hoạch</edXMLEnvelope>') },
        { name: 'dinhkem/Phụ lục 1.pdf', data: Buffer.from('%PDF-1.7 …'), method: 0 },
      ]),
      limits,
    );
    expect(entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual([
      ['vanban.edxml', '<edXMLEnvelope>Kế hoạch</edXMLEnvelope>'],
      ['dinhkem/Phụ lục 1.pdf', '%PDF-1.7 …'],
    ]);
  });

  it('refuses an entry that inflates beyond its limit, and one that lies about its size', () => {
    const bomb = refused(zip([{ name: 'bom.xml', data: Buffer.alloc(3 * 1024 * 1024) }]));
    expect([bomb.rule, bomb.entry]).toEqual(['ratio', 'bom.xml']);
    expect(bomb.text.en).toContain('compression bomb');
    // An innocent ratio, but more than one entry may hold.
    const big = refused(zip([{ name: 'lon.bin', data: Buffer.from(Array.from({ length: 1200 * 1024 }, (_, i) => (i * 7919) % 251)), method: 0 }]));
    expect(big.rule).toBe('entry-too-large');
    expect(big.text.en).toContain('more than 1 MB');
    // It claims 100 bytes and inflates to 3 MB: inflation stops at 101.
    const liar = refused(zip([{ name: 'noi-doi.xml', data: Buffer.alloc(3 * 1024 * 1024), claimedSize: 100 }]));
    expect(liar.rule).toBe('malformed');
    expect(liar.text.en).toContain('larger than it declares');
    expect(refusal(zip([{ name: 'a.xml', data: Buffer.from('abc'), claimedSize: 2 }])).en).toMatch(/larger than it declares|does not match/);
  });

  it('refuses archives whose entries together exceed the total, and too many entries', () => {
    const chunk = () => Buffer.from(Array.from({ length: 900 * 1024 }, (_, i) => (i * 7919) % 251));
    const total = refused(zip([1, 2, 3].map((i) => ({ name: `${i}.bin`, data: chunk(), method: 0 as const }))));
    expect(total.rule).toBe('total-too-large');
    expect(total.text.vi).toContain('giải nén ra hơn 2 MB');
    expect(refusal(zip(Array.from({ length: 6 }, (_, i) => ({ name: `${i}.xml`, data: Buffer.from('x') })))).en).toContain('more than the 5 allowed');
  });

  it('refuses paths that leave the folder, duplicates and encrypted entries', () => {
    for (const name of ['../../etc/passwd', '/etc/passwd', 'C:/Windows/x.dll', 'a\\..\\b', 'dinhkem/../../x']) {
      expect(refusal(zip([{ name, data: Buffer.from('x') }])).en).toContain('is not allowed');
    }
    expect(refusal(zip([{ name: 'a.xml', data: Buffer.from('1') }, { name: 'a.xml', data: Buffer.from('2') }])).en).toContain('appears twice');
    expect(refusal(zip([{ name: 'a.xml', data: Buffer.from('1'), flags: 1 }])).vi).toContain('mã hóa');
  });

  it('refuses what is not a ZIP archive', () => {
    expect(refusal(Buffer.from('<edXMLEnvelope/>')).en).toContain('malformed');
  });
});
