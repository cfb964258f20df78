import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

import { DomainError, loadConfig } from '@vanthu/server/core';
import { dataSourceOptions, DocumentRecipientEntity, ExternalDeliveryEntity, ExternalOrganisationEntity, LocalFileStorage, OrganisationEntity } from '@vanthu/server/data-access';
import { DataSource, In, IsNull, Not } from 'typeorm';

import { EdxmlOrganisation, EdxmlPacket } from '../lib/edxml/model';
import { parseEdxml } from '../lib/edxml/parse';
import { externalOrganisation, PacketBuilder } from '../lib/outbound/packet-builder';

const USAGE = `usage:
  npm run -s edxml -- parse FILE                                 print the packet as JSON
  npm run -s edxml -- export --document ID --out FILE [--to CODE[,CODE…]]
                                                                 write the edXML packet of an issued document
                                                                 (database and files from the same variables as the API)`;

/** The packet as the command line prints it: the header fields people check, and each decoded file. */
export function describePacket(p: EdxmlPacket) {
  const org = (o: EdxmlOrganisation) => ({ organId: o.organId, name: o.organName });
  const doc = p.kind === 'document' ? p : null;
  const status = p.kind === 'status' ? p : null;
  return {
    kind: p.kind,
    documentId: doc ? doc.documentId : (status?.responseFor.documentId ?? null),
    from: org(p.from),
    to: p.to.map(org),
    code: doc ? doc.code : null,
    promulgation: doc ? doc.promulgation : null,
    type: doc ? { code: doc.type.code, name: doc.type.name } : null,
    subject: doc?.subject ?? null,
    signer: doc ? doc.signer : null,
    dueDate: doc?.dueDate ?? null,
    businessType: doc ? doc.business.type : null,
    statusCode: status?.statusCode ?? null,
    responseFor: (doc?.responseFor ?? status?.responseFor)
      ? { organId: (doc?.responseFor ?? status?.responseFor)?.organId, code: (doc?.responseFor ?? status?.responseFor)?.code, documentId: (doc?.responseFor ?? status?.responseFor)?.documentId }
      : null,
    description: status ? status.description : (doc?.business.reason ?? null),
    attachments: (doc?.attachments ?? []).map((a) => ({ name: a.name, contentType: a.contentType, bytes: a.bytes.length, sha256: createHash('sha256').update(a.bytes).digest('hex') })),
  };
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function exportDocument(args: string[]): Promise<void> {
  const id = option(args, '--document');
  const out = option(args, '--out');
  if (!id || !/^\d+$/.test(id) || !out) throw new Error(USAGE);
  const config = loadConfig();
  const dataSource = new DataSource(dataSourceOptions(config, { migrationsRun: false }));
  await dataSource.initialize();
  try {
    const builder = new PacketBuilder(new LocalFileStorage(config.storageDir));
    const manager = dataSource.manager;
    const codes = option(args, '--to')?.split(',').map((c) => c.trim()).filter(Boolean);
    let to: EdxmlOrganisation[];
    if (codes?.length) {
      const known = await manager.find(ExternalOrganisationEntity, { where: { identifierCode: In(codes) } });
      to = codes.map((code) => {
        const o = known.find((k) => k.identifierCode === code);
        return o ? externalOrganisation(o) : { organId: code, organName: code };
      });
    } else {
      // Its recipients: the external ones, then the internal ones that have an identifier code.
      const externals = await manager.find(ExternalDeliveryEntity, { where: { documentId: id } });
      const externalOrgs = externals.length ? await manager.find(ExternalOrganisationEntity, { where: { id: In(externals.map((x) => x.externalOrganisationId)) } }) : [];
      const internal = await manager.find(DocumentRecipientEntity, { where: { documentId: id } });
      const internalOrgs = internal.length ? await manager.find(OrganisationEntity, { where: { id: In(internal.map((r) => r.organisationId)), identifierCode: Not(IsNull()) } }) : [];
      to = [...externalOrgs.map(externalOrganisation), ...internalOrgs.map((o) => ({ organId: o.identifierCode ?? '', organName: o.name }))];
    }
    if (!to.length) throw new Error('The document has no recipient with an identifier code: name one with --to CODE.');
    const built = await builder.documentPacket(manager, id, to);
    writeFileSync(out, built.bytes);
    console.log(JSON.stringify({ out, documentId: built.documentKey, to: to.map((t) => t.organId), bytes: built.bytes.length }));
  } finally {
    await dataSource.destroy();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'parse' && args[0]) {
      console.log(JSON.stringify(describePacket(parseEdxml(readFileSync(args[0]))), null, 2));
      return 0;
    }
    if (command === 'export') {
      await exportDocument(args);
      return 0;
    }
    console.error(USAGE);
    return 64;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`${error.code}\nvi: ${error.text.vi}\nen: ${error.text.en}`);
      return 2;
    }
    console.error((error as Error).message);
    return 1;
  }
}

if (process.argv[1] === __filename) {
  // exit() rather than exitCode: the database pool would otherwise keep the process alive.
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
