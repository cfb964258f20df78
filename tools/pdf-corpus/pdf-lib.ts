/**
 * The pdf-lib part of the sample corpus (run by make-corpus.sh through tools/scripts/run-ts.js):
 *   pdflib-classic-xref.pdf    the annex, saved with a classic xref table
 *   pdflib-object-streams.pdf  the invitation, saved with object streams and a cross-reference stream
 *   signed-by-signpdf.pdf      a company's letter, saved by pdf-lib with a classic table, then
 *                              signed by @signpdf (plain placeholder: one incremental update,
 *                              adbe.pkcs7.detached) with the company's self-signed certificate
 *
 * usage: node tools/scripts/run-ts.js tools/pdf-corpus/pdf-lib.ts <output directory>
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import fontkit from '@pdf-lib/fontkit';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import forge from 'node-forge';
import { PDFDocument, PDFFont } from 'pdf-lib';

import { annex, companyLetter, invitation } from './documents';
import { A4, Block, fontBytes, FontStyle, layOut } from './layout';

/** Fixed dates, so that a second run writes the same Info dictionary. */
const CREATED = new Date('2025-03-03T08:00:00+07:00');

async function draw(blocks: Block[], title: string, author: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  doc.setAuthor(author);
  doc.setLanguage('vi-VN');
  doc.setCreationDate(CREATED);
  doc.setModificationDate(CREATED);
  const { words, pageCount } = layOut(blocks);
  const fonts = new Map<FontStyle, PDFFont>();
  for (const style of new Set(words.map((w) => w.style))) fonts.set(style, await doc.embedFont(fontBytes(style), { subset: true }));
  const pages = Array.from({ length: pageCount }, () => doc.addPage(A4));
  for (const word of words) {
    pages[word.page - 1].drawText(word.text, { x: word.x, y: word.y, size: word.size, font: fonts.get(word.style) });
  }
  return doc;
}

/** A self-signed certificate and key for the company, as PKCS#12 (3DES, which node-forge reads back). */
function selfSignedCompany(passphrase: string): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '0a2025';
  cert.validity.notBefore = new Date('2025-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2035-01-01T00:00:00Z');
  // ASCII names: node-forge reads a UTF8String name back as raw bytes and encodes it again when
  // @signpdf writes the signer's issuer, so a Vietnamese name would no longer match the certificate.
  const name = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'ST', value: 'Dak Nong' },
    { shortName: 'O', value: 'Cong ty TNHH Tu van Xay dung Gia Nghia' },
    { shortName: 'CN', value: 'Cong ty TNHH Tu van Xay dung Gia Nghia' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  // As `openssl req -x509` makes them: no key usage. (With a key usage that lacks keyCertSign,
  // OpenSSL, and so Node's checkIssued, no longer call the certificate its own issuer.)
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'subjectKeyIdentifier' }]);
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: '3des', friendlyName: 'Gia Nghia' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

async function main(out: string): Promise<void> {
  const classic = await draw(annex, 'Phụ lục: Danh mục thủ tục hành chính cấp huyện', 'UBND huyện Tuy Đức');
  writeFileSync(join(out, 'pdflib-classic-xref.pdf'), await classic.save({ useObjectStreams: false }));

  const streams = await draw(invitation, 'Giấy mời Hội nghị triển khai phần mềm quản lý văn bản', 'Văn phòng HĐND và UBND huyện Tuy Đức');
  writeFileSync(join(out, 'pdflib-object-streams.pdf'), await streams.save({ useObjectStreams: true }));

  // @signpdf's plain placeholder only reads classic tables, as most signers of that kind.
  const letter = await draw(companyLetter, 'Đề nghị cấp giấy phép xây dựng Nhà văn hóa xã Quảng Tâm', 'Công ty TNHH Tư vấn Xây dựng Gia Nghĩa');
  const unsigned = Buffer.from(await letter.save({ useObjectStreams: false }));
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: unsigned,
    reason: 'Ky ban hanh cong van',
    contactInfo: 'vanthu@gianghia.example.vn',
    name: 'Cong ty TNHH Tu van Xay dung Gia Nghia',
    location: 'Gia Nghia, Dak Nong',
    signingTime: new Date('2025-02-20T09:30:00+07:00'),
  });
  const signed = await signpdf.sign(withPlaceholder, new P12Signer(selfSignedCompany('gianghia'), { passphrase: 'gianghia' }), new Date('2025-02-20T09:30:00+07:00'));
  writeFileSync(join(out, 'signed-by-signpdf.pdf'), signed);
}

const [out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node tools/scripts/run-ts.js tools/pdf-corpus/pdf-lib.ts <output directory>');
  process.exit(2);
}
main(out).catch((error) => {
  console.error(error);
  process.exit(1);
});
