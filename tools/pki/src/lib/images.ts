import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import * as fontkit from '@pdf-lib/fontkit';

import { Coverage, encodePng } from './png';

/** A small deterministic generator (mulberry32) so that one seed always draws the same signature. */
function random(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INK_BLUE: [number, number, number] = [20, 52, 170];
const SEAL_RED: [number, number, number] = [214, 24, 34];

/**
 * A demo handwritten signature: PNG, transparent background, one blue pen stroke of looping
 * cursive and a closing flourish, anti-aliased, 480×200 px. The same seed draws the same image.
 */
export function demoSignatureImage(o: { seed?: string } = {}): Buffer {
  const width = 480;
  const height = 200;
  const next = random(o.seed ?? 'VănThư');
  const ink = new Coverage(width, height);

  // A prolate cycloid drawn left to right gives the loops of joined-up handwriting; its
  // amplitude and loop size wander a little per letter.
  const letters = 6 + Math.floor(next() * 3);
  const points: [number, number, number][] = [];
  const baseline = height * 0.58;
  const step = (width * 0.72) / letters;
  for (let letter = 0; letter < letters; letter++) {
    // The initial is the tallest stroke, as in most signatures.
    const amplitude = letter === 0 ? 62 + next() * 12 : 22 + next() * 32;
    const loop = 10 + next() * 14;
    const slant = 0.35;
    for (let i = 0; i <= 40; i++) {
      const t = letter + i / 40;
      const phase = t * Math.PI * 2;
      const y = baseline - amplitude * Math.sin(phase) * (0.6 + 0.4 * Math.sin(t * 1.7));
      const x = 40 + t * step - loop * Math.sin(phase + Math.PI / 2) + slant * (baseline - y);
      points.push([x, y, 1.6 + 1.2 * Math.abs(Math.cos(phase))]);
    }
  }
  // The flourish: a long shallow stroke back under the name.
  const [lastX, lastY] = points[points.length - 1];
  for (let i = 1; i <= 60; i++) {
    const t = i / 60;
    points.push([lastX + (width - 30 - lastX) * Math.sin(t * Math.PI * 0.5) - t * t * (width * 0.75), lastY + 30 * Math.sin(t * Math.PI) + t * 22, 2.4 - t * 1.4]);
  }
  for (let i = 1; i < points.length; i++) {
    const [x0, y0, r0] = points[i - 1];
    const [x1, y1, r1] = points[i];
    ink.segment(x0, y0, x1, y1, (r0 + r1) / 2);
  }
  return encodePng(width, height, ink.paint(INK_BLUE));
}

declare const __non_webpack_require__: NodeRequire | undefined;

/** Node's own `require.resolve`, also inside the API's webpack bundle (which would replace `require.resolve` by a module number). */
function resolvePackageFile(spec: string): string {
  return (typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require).resolve(spec);
}

let boldFont: fontkit.Font | undefined;

function sealFont(): fontkit.Font {
  boldFont ??= fontkit.create(readFileSync(resolvePackageFile('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf')));
  return boldFont;
}

interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

/** Glyph outlines flattened to polygons, each point mapped by `place` from font units. */
function outline(commands: PathCommand[], place: (x: number, y: number) => [number, number]): [number, number][][] {
  const contours: [number, number][][] = [];
  let current: [number, number][] = [];
  let pen: [number, number] = [0, 0];
  const flatten = (controls: [number, number][], end: [number, number]) => {
    const start = pen;
    for (let i = 1; i <= 8; i++) {
      const t = i / 8;
      // De Casteljau on the font-unit points: quadratic or cubic alike.
      let level: [number, number][] = [start, ...controls, end];
      while (level.length > 1) level = level.slice(1).map((p, k) => [level[k][0] + (p[0] - level[k][0]) * t, level[k][1] + (p[1] - level[k][1]) * t]);
      current.push(place(level[0][0], level[0][1]));
    }
    pen = end;
  };
  for (const { command, args } of commands) {
    if (command === 'moveTo') {
      if (current.length) contours.push(current);
      current = [place(args[0], args[1])];
      pen = [args[0], args[1]];
    } else if (command === 'lineTo') {
      pen = [args[0], args[1]];
      current.push(place(args[0], args[1]));
    } else if (command === 'quadraticCurveTo') {
      flatten([[args[0], args[1]]], [args[2], args[3]]);
    } else if (command === 'bezierCurveTo') {
      flatten(
        [
          [args[0], args[1]],
          [args[2], args[3]],
        ],
        [args[4], args[5]],
      );
    } else if (current.length) {
      contours.push(current);
      current = [];
    }
  }
  if (current.length) contours.push(current);
  return contours;
}

/**
 * A demo organisation seal: PNG, transparent, red, 400×400 px: a thick outer ring and a thin
 * inner one, the organisation's name in capitals around the ring (Tinos Bold, so Vietnamese
 * diacritics are right), and a five-pointed star in the middle, as a district People's
 * Committee's seal looks.
 */
export function demoSealImage(o: { organisation: string }): Buffer {
  const size = 400;
  const centre = size / 2;
  const ink = new Coverage(size, size);
  ink.ring(centre, centre, 190, 9);
  ink.ring(centre, centre, 140, 3);

  // The star: ten points alternating between the outer and inner radius, one tip up.
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? 62 : 24;
    const angle = (i * Math.PI) / 5;
    star.push([centre + radius * Math.sin(angle), centre - radius * Math.cos(angle)]);
  }
  ink.polygons([star]);

  // The name around the ring, reading clockwise from the lower left, glyphs upright on the circle.
  const font = sealFont();
  const text = o.organisation.toLocaleUpperCase('vi');
  const run = font.layout(text);
  const baselineRadius = 150;
  const fontSize = 30;
  const scale = fontSize / font.unitsPerEm;
  const totalAdvance = run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
  // Spread over at most 300° of arc, centred on the top.
  const arc = Math.min((300 * Math.PI) / 180, totalAdvance / baselineRadius + 0.4);
  const spacing = (arc * baselineRadius - totalAdvance) / Math.max(1, run.glyphs.length - 1);
  let along = -arc / 2;
  const contours: [number, number][][] = [];
  run.glyphs.forEach((glyph, index) => {
    const advance = run.positions[index].xAdvance * scale;
    const angle = along + advance / 2 / baselineRadius;
    const outward: [number, number] = [Math.sin(angle), -Math.cos(angle)];
    const tangent: [number, number] = [Math.cos(angle), Math.sin(angle)];
    const commands = (glyph.path as unknown as { commands: PathCommand[] }).commands;
    contours.push(
      ...outline(commands, (x, y) => {
        const dx = x * scale - advance / 2;
        const r = baselineRadius + y * scale;
        return [centre + r * outward[0] + dx * tangent[0], centre + r * outward[1] + dx * tangent[1]];
      }),
    );
    along += (advance + spacing) / baselineRadius;
  });
  ink.polygons(contours);
  return encodePng(size, size, ink.paint(SEAL_RED, 0.92));
}
