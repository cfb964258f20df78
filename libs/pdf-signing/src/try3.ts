import { readFileSync, writeFileSync } from 'node:fs';
import { createDevPki, demoSealImage, demoSignatureImage } from '@vanthu/dev-pki';
import { keySigner, signPdf, sealRectOver } from './index';

async function main() {
  const pki = createDevPki({ keyType: 'ec' });
  writeFileSync('/tmp/try/root.pem', pki.root.certificatePem);
  const person = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '1', keyType: 'ec' });
  const org = pki.issueOrganisation({ name: 'Ủy ban nhân dân huyện Tuy Đức', pin: '1', keyType: 'ec' });
  const signer = keySigner(person.privateKey, person.chainPem);
  const input = readFileSync('/work/shared/pdf-corpus/' + (process.argv[2] ?? 'libreoffice-ke-hoach.pdf'));
  const rect = { x: 330, y: 150, width: 200, height: 110 };
  const once = await signPdf(input, { signer, appearance: { kind: 'personal', page: 1, rect, image: demoSignatureImage(), name: 'Nguyễn Văn Hùng', signingLine: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' } });
  const two = await signPdf(once, { signer: keySigner(org.privateKey, org.chainPem), appearance: { kind: 'seal', page: 1, rect: sealRectOver(rect), image: demoSealImage({ organisation: 'Ủy ban nhân dân huyện Tuy Đức' }), organisation: 'x' }, stamps: [{ page: 1, x: 140, y: 770, text: '27', fontSize: 13 }, { page: 1, x: 420, y: 745, text: 'ngày 05 tháng 3 năm 2024', italic: true }] });
  writeFileSync('/tmp/try/two.pdf', two);
  const att = await signPdf(input, { signer: keySigner(org.privateKey, org.chainPem), appearance: { kind: 'attachment', organisation: 'Ủy ban nhân dân huyện Tuy Đức', lines: ['Số: 27/KH-UBND'] } });
  writeFileSync('/tmp/try/att.pdf', att);
}
main();
