import { XMLBuilder } from 'fast-xml-parser';

import { formatEdxmlDate, formatEdxmlTimestamp } from './dates';
import { EDXML_NS, EdxmlDocumentPacket, EdxmlOrganisation, EdxmlResponseFor, EdxmlStaff, EdxmlStatusPacket } from './model';
import { zipFiles } from './zip';

type Node = Record<string, unknown>;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  // The builder escapes &, <, >, quotes in text and attributes: values never become markup.
  processEntities: true,
});

/** `edXML:Name` for every key of a plain object of element values (null and undefined left out). */
function ns(fields: Record<string, unknown>): Node {
  const out: Node = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    out[key.startsWith('@') ? key : `edXML:${key}`] = value;
  }
  return out;
}

function organisation(o: EdxmlOrganisation): Node {
  return ns({
    OrganId: o.organId,
    OrganizationInCharge: o.organizationInCharge ?? '',
    OrganName: o.organName,
    OrganAdd: o.address ?? '',
    Email: o.email ?? '',
    Telephone: o.telephone ?? '',
    Fax: o.fax ?? '',
    Website: o.website ?? '',
  });
}

function staff(s: EdxmlStaff | null): Node | null {
  if (!s) return null;
  return ns({ Department: s.department ?? '', Staff: s.staff ?? '', Email: s.email ?? '', Mobile: s.mobile ?? '' });
}

function responseFor(r: EdxmlResponseFor): Node {
  return ns({ OrganId: r.organId, Code: r.code, PromulgationDate: r.promulgationDate ? formatEdxmlDate(r.promulgationDate) : '', DocumentId: r.documentId });
}

function serialize(body: Node): Buffer {
  const xml = builder.build({ '?xml': { '@version': '1.0', '@encoding': 'UTF-8' }, 'edXML:edXML': { '@xmlns:edXML': EDXML_NS, ...body } }) as string;
  return Buffer.from(xml, 'utf8');
}

/**
 * A document packet: the header from the document, our hop in the trace with its business type,
 * and each file zipped, then base64, with its manifest reference (`cid:1`, `cid:2`, …).
 */
export function writeDocumentPacket(p: Omit<EdxmlDocumentPacket, 'kind'>): Buffer {
  const files = p.attachments.map((a, i) => ({ ...a, contentId: a.contentId || `cid:${i + 1}`, zipped: zipFiles([{ name: a.name, bytes: a.bytes }]) }));
  const message = ns({
    From: organisation(p.from),
    To: p.to.map(organisation),
    DocumentId: p.documentId,
    Code: ns({ CodeNumber: p.code.number, CodeNotation: p.code.notation }),
    PromulgationInfo: ns({ Place: p.promulgation.place, PromulgationDate: formatEdxmlDate(p.promulgation.date) }),
    DocumentType: ns({ Type: p.type.code, TypeDetail: p.type.detail ?? '', TypeName: p.type.name }),
    Subject: p.subject,
    Content: p.content ?? '',
    SignerInfo: ns({ Competence: p.signer.competence, Position: p.signer.position, FullName: p.signer.fullName }),
    DueDate: p.dueDate ? formatEdxmlDate(p.dueDate) : '',
    OtherInfo: ns({
      Priority: String(p.other.priority),
      SphereOfPromulgation: p.other.sphereOfPromulgation ?? '',
      TyperNotation: p.other.typerNotation ?? '',
      PromulgationAmount: p.other.promulgationAmount === null ? '' : String(p.other.promulgationAmount),
      PageAmount: p.other.pageAmount === null ? '' : String(p.other.pageAmount),
      Direction: p.other.direction ? '1' : '0',
      Appendixes: ns({ Appendix: p.other.appendixes }),
    }),
    SteeringType: p.steeringType ?? '',
    ToPlaces: ns({ Place: p.toPlaces }),
    ResponseFor: p.responseFor ? responseFor(p.responseFor) : null,
  });
  const trace = ns({
    TraceHeader: p.trace.map((t) => ns({ OrganId: t.organId, Timestamp: formatEdxmlTimestamp(new Date(t.timestamp)) })),
    Bussiness: ns({
      BussinessDocType: String(p.business.type),
      BussinessDocReason: p.business.reason ?? '',
      Paper: p.business.paper ? '1' : '0',
      StaffInfo: staff(p.business.staff),
      ReplacementInfoList: p.business.replacements.length
        ? ns({ ReplacementInfo: p.business.replacements.map((r) => ns({ DocumentId: r.documentId, OrganIdList: ns({ OrganId: r.organIds }) })) })
        : null,
    }),
  });
  return serialize({
    'edXML:edXMLEnvelope': ns({
      edXMLHeader: ns({ MessageHeader: message, TraceHeaderList: trace }),
      edXMLBody: ns({
        edXMLManifest: ns({
          Reference: files.map((f) => ns({ ContentId: f.contentId, ContentType: 'application/zip', Description: f.description ?? '', AttachmentName: f.name })),
        }),
      }),
    }),
    'edXML:AttachmentEncoded': ns({
      Attachment: files.map((f) =>
        ns({
          ContentId: f.contentId,
          AttachmentName: f.name,
          Description: f.description ?? '',
          ContentType: 'application/zip',
          ContentTransferEncoded: f.zipped.toString('base64'),
        }),
      ),
    }),
  });
}

/** A status packet: the header only, answering the document named in ResponseFor. */
export function writeStatusPacket(p: Omit<EdxmlStatusPacket, 'kind'>): Buffer {
  return serialize({
    'edXML:edXMLEnvelope': ns({
      edXMLHeader: ns({
        Status: ns({
          From: organisation(p.from),
          To: p.to.length ? p.to.map(organisation) : null,
          ResponseFor: responseFor(p.responseFor),
          StaffInfo: staff(p.staff),
          StatusCode: p.statusCode,
          Description: p.description ?? '',
          Timestamp: formatEdxmlTimestamp(new Date(p.timestamp)),
        }),
      }),
    }),
  });
}
