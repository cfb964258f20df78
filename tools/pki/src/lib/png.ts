import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (8-bit RGBA, non-interlaced) from straight, non-premultiplied RGBA pixels. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError('RGBA buffer does not match the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  // Each row starts with its filter type: 0 (none) keeps the encoder trivial; zlib does the rest.
  const stride = width * 4;
  const filtered = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) filtered.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** One colour's coverage (0–1 per pixel): shapes are drawn into it anti-aliased, then painted. */
export class Coverage {
  readonly values: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.values = new Float32Array(width * height);
  }

  /** A round-capped segment (a pen stroke), coverage from the exact distance to the segment. */
  segment(x0: number, y0: number, x1: number, y1: number, radius: number): void {
    const minX = Math.max(0, Math.floor(Math.min(x0, x1) - radius - 1));
    const maxX = Math.min(this.width - 1, Math.ceil(Math.max(x0, x1) + radius + 1));
    const minY = Math.max(0, Math.floor(Math.min(y0, y1) - radius - 1));
    const maxY = Math.min(this.height - 1, Math.ceil(Math.max(y0, y1) + radius + 1));
    const dx = x1 - x0;
    const dy = y1 - y0;
    const lengthSquared = dx * dx + dy * dy || 1e-9;
    for (let y = minY; y <= maxY; y++) {
      for (let x = minX; x <= maxX; x++) {
        const px = x + 0.5 - x0;
        const py = y + 0.5 - y0;
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / lengthSquared));
        const distance = Math.hypot(px - t * dx, py - t * dy);
        this.max(x, y, radius + 0.5 - distance);
      }
    }
  }

  /** A ring of the given centre radius and width. */
  ring(cx: number, cy: number, radius: number, width: number): void {
    const outer = radius + width / 2 + 1;
    for (let y = Math.max(0, Math.floor(cy - outer)); y <= Math.min(this.height - 1, Math.ceil(cy + outer)); y++) {
      for (let x = Math.max(0, Math.floor(cx - outer)); x <= Math.min(this.width - 1, Math.ceil(cx + outer)); x++) {
        const distance = Math.abs(Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - radius);
        this.max(x, y, width / 2 + 0.5 - distance);
      }
    }
  }

  /**
   * Filled polygons (non-zero winding), anti-aliased by 4×4 supersampling: each sample row
   * crosses the edges, and the spans inside add 1/16 to the pixels they cover.
   */
  polygons(contours: [number, number][][]): void {
    const samples = 4;
    const edges: { x0: number; y0: number; x1: number; y1: number; winding: number }[] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    for (const contour of contours) {
      for (let i = 0; i < contour.length; i++) {
        const [ax, ay] = contour[i];
        const [bx, by] = contour[(i + 1) % contour.length];
        if (ay === by) continue;
        edges.push(ay < by ? { x0: ax, y0: ay, x1: bx, y1: by, winding: 1 } : { x0: bx, y0: by, x1: ax, y1: ay, winding: -1 });
        minY = Math.min(minY, ay, by);
        maxY = Math.max(maxY, ay, by);
      }
    }
    const added = new Float32Array(this.width * this.height);
    const firstRow = Math.max(0, Math.floor(minY * samples));
    const lastRow = Math.min(this.height * samples - 1, Math.ceil(maxY * samples));
    for (let row = firstRow; row <= lastRow; row++) {
      const y = (row + 0.5) / samples;
      const crossings: { x: number; winding: number }[] = [];
      for (const edge of edges) {
        if (y < edge.y0 || y >= edge.y1) continue;
        crossings.push({ x: edge.x0 + ((y - edge.y0) / (edge.y1 - edge.y0)) * (edge.x1 - edge.x0), winding: edge.winding });
      }
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      const pixelRow = Math.floor(y) * this.width;
      for (let i = 0; i < crossings.length - 1; i++) {
        winding += crossings[i].winding;
        if (winding === 0) continue;
        for (let s = Math.ceil(crossings[i].x * samples - 0.5); s + 0.5 <= crossings[i + 1].x * samples; s++) {
          const x = Math.floor(s / samples);
          if (x >= 0 && x < this.width) added[pixelRow + x] += 1 / (samples * samples);
        }
      }
    }
    for (let i = 0; i < added.length; i++) if (added[i] > this.values[i]) this.values[i] = Math.min(1, added[i]);
  }

  private max(x: number, y: number, value: number): void {
    if (value <= 0) return;
    const index = y * this.width + x;
    const clamped = Math.min(1, value);
    if (clamped > this.values[index]) this.values[index] = clamped;
  }

  /** RGBA pixels of this coverage painted in one colour on a transparent background. */
  paint(rgb: [number, number, number], opacity = 1): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 4);
    for (let i = 0; i < this.values.length; i++) {
      out[i * 4] = rgb[0];
      out[i * 4 + 1] = rgb[1];
      out[i * 4 + 2] = rgb[2];
      out[i * 4 + 3] = Math.round(this.values[i] * opacity * 255);
    }
    return out;
  }
}
