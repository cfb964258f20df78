#!/usr/bin/env node
// Runs a TypeScript entry point of the workspace (command lines, benchmarks) straight from source:
// each file is transpiled on load with the workspace's own TypeScript, and `@vanthu/*` imports
// resolve through the paths of tsconfig.base.json. No build step, nothing beyond our lock file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '../..');
const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = Object.entries(base.compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const hit = aliases.find(([alias]) => alias === request);
  return resolveFilename.call(this, hit ? hit[1] : request, parent, ...rest);
};

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  sourceMap: false,
  inlineSourceMap: true,
};
require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node tools/scripts/run-ts.js <file.ts> [arguments…]');
  process.exit(2);
}
process.argv.splice(1, 1);
process.argv[1] = path.resolve(root, entry);
require('reflect-metadata');
require(process.argv[1]);
