#!/usr/bin/env node
// Writes `file.br` and `file.gz` beside every compressible file of a built web app, once, at build
// time (brotli at its best quality, gzip at 9): the API (express-static-gzip) and nginx
// (brotli_static, gzip_static) then send them as they are, with no compression work per request.
'use strict';
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const zlib = require('node:zlib');

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest|xml|ttf|otf)$/;
// Below one TCP packet or so, compression saves nothing a client would notice.
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/scripts/precompress.js <folder>');
  process.exit(2);
}
let before = 0;
let brotli = 0;
let gzip = 0;
let count = 0;
for (const path of files(dir)) {
  if (!COMPRESSIBLE.test(path) || statSync(path).size < MIN_BYTES) continue;
  const data = readFileSync(path);
  const br = zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  const gz = zlib.gzipSync(data, { level: 9 });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  before += data.length;
  brotli += br.length;
  gzip += gz.length;
  count += 1;
}
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`Precompressed ${count} files in ${relative(process.cwd(), dir) || dir}: ${kb(before)} → brotli ${kb(brotli)}, gzip ${kb(gzip)}`);
