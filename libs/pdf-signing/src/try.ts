import { randomBytes } from 'node:crypto';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { createDevPki, demoSignatureImage } from '@vanthu/dev-pki';
import { keySigner, signPdf } from './index';

async function main() {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const data = randomBytes(1_000_000);
  const stream = PDFRawStream.of(doc.context.obj({ Type: 'XObject', Subtype: 'Image', Width: 1000, Height: 333, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }), data);
  const ref = doc.context.register(stream);
  page.node.setXObject(PDFName.of('Im0'), ref);
  const pdf = Buffer.from(await doc.save());
  const pki = createDevPki();
  const person = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch', organisation: 'UBND', pin: '1' });
  const signer = keySigner(person.privateKey, person.chainPem);
  const image = demoSignatureImage();
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = process.hrtime.bigint();
    await signPdf(pdf, { signer, appearance: { kind: 'personal', page: 1, rect: { x: 330, y: 150, width: 200, height: 110 }, image, name: 'Nguyễn Văn Hùng', signingLine: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' } });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(pdf.length, times.slice(0, 3).map((t) => t.toFixed(1)), 'median', times.sort((a, b) => a - b)[20].toFixed(2));
}
main();
