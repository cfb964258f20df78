import { InflateBudget } from './inflate';
import { PdfDict, PdfStream, PdfValue } from './objects';

/** Raised for a filter this library cannot decode; the reader reports it as unsupported. */
export class UnsupportedFilterError extends Error {}

/** Undoes PNG (10–15) and TIFF (2) predictors of FlateDecode/LZWDecode (PDF 32000 §7.4.4.4). */
function unpredict(data: Buffer, params: PdfDict | undefined): Buffer {
  const predictor = typeof params?.get('Predictor') === 'number' ? (params.get('Predictor') as number) : 1;
  if (predictor <= 1) return data;
  const colors = (params?.get('Colors') as number | undefined) ?? 1;
  const bits = (params?.get('BitsPerComponent') as number | undefined) ?? 8;
  const columns = (params?.get('Columns') as number | undefined) ?? 1;
  const bytesPerPixel = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  if (predictor === 2) {
    if (bits !== 8) throw new UnsupportedFilterError('TIFF predictor with other than 8 bits per component');
    const out = Buffer.from(data);
    for (let row = 0; row + rowLength <= out.length; row += rowLength) {
      for (let i = bytesPerPixel; i < rowLength; i++) out[row + i] = (out[row + i] + out[row + i - bytesPerPixel]) & 0xff;
    }
    return out;
  }
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)];
    const input = r * (rowLength + 1) + 1;
    const at = r * rowLength;
    const previous = at - rowLength;
    for (let i = 0; i < rowLength; i++) {
      const raw = data[input + i];
      const left = i >= bytesPerPixel ? out[at + i - bytesPerPixel] : 0;
      const up = r > 0 ? out[previous + i] : 0;
      const upLeft = r > 0 && i >= bytesPerPixel ? out[previous + i - bytesPerPixel] : 0;
      let value: number;
      switch (type) {
        case 0:
          value = raw;
          break;
        case 1:
          value = raw + left;
          break;
        case 2:
          value = raw + up;
          break;
        case 3:
          value = raw + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw new UnsupportedFilterError(`PNG predictor row type ${type}`);
      }
      out[at + i] = value & 0xff;
    }
  }
  return out;
}

function asciiHex(data: Buffer): Buffer {
  let text = data.toString('latin1');
  const end = text.indexOf('>');
  if (end >= 0) text = text.slice(0, end);
  text = text.replace(/\s/g, '');
  if (text.length % 2) text += '0';
  return Buffer.from(text, 'hex');
}

function ascii85(data: Buffer): Buffer {
  let text = data.toString('latin1').replace(/\s/g, '');
  if (text.startsWith('<~')) text = text.slice(2);
  const end = text.indexOf('~>');
  if (end >= 0) text = text.slice(0, end);
  const out: number[] = [];
  let group: number[] = [];
  for (const ch of text) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    group.push(ch.charCodeAt(0) - 33);
    if (group.length === 5) {
      let value = 0;
      for (const digit of group) value = value * 85 + digit;
      out.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
      group = [];
    }
  }
  if (group.length) {
    const missing = 5 - group.length;
    while (group.length < 5) group.push(84);
    let value = 0;
    for (const digit of group) value = value * 85 + digit;
    const bytes = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    out.push(...bytes.slice(0, 4 - missing));
  }
  return Buffer.from(out);
}

const asList = (value: PdfValue | undefined): PdfValue[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/**
 * The decoded bytes of a stream, for the streams this library reads itself (cross-reference and
 * object streams): FlateDecode with predictors, ASCIIHex and ASCII85. Page content is never decoded.
 * Flate output is bounded by `budget` (per stream and per document): a stream that would expand
 * beyond it raises {@link InflateLimitError}.
 */
export function decodeStream(
  stream: PdfStream,
  resolve: (value: PdfValue | undefined) => PdfValue | undefined = (v) => v,
  budget: InflateBudget = new InflateBudget(),
): Buffer {
  const filters = asList(resolve(stream.dict.get('Filter')));
  const params = asList(resolve(stream.dict.get('DecodeParms')));
  let data: Buffer = stream.data;
  filters.forEach((filter, index) => {
    const filterName = filter && typeof filter === 'object' && 'name' in filter ? filter.name : String(filter);
    const parameters = resolve(params[index]);
    switch (filterName) {
      case 'FlateDecode':
      case 'Fl':
        data = unpredict(budget.inflate(data), parameters instanceof PdfDict ? parameters : undefined);
        break;
      case 'ASCIIHexDecode':
      case 'AHx':
        data = asciiHex(data);
        break;
      case 'ASCII85Decode':
      case 'A85':
        data = ascii85(data);
        break;
      default:
        throw new UnsupportedFilterError(`Filter ${filterName}`);
    }
  });
  return data;
}
