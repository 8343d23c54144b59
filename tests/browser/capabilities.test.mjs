// The web UI's composition by capability (web/README.md "Capabilities"): every folder under
// web/js is a capability listed once in web/js/capabilities.js with a capability.js, its files
// import only their own folder and the shared modules at web/js/*.js, app.js names no page, and
// every page route is declared once. (No browser needed.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const JS = path.join(ROOT, 'web', 'js');
const folders = fs.readdirSync(JS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const list = fs.readFileSync(path.join(JS, 'capabilities.js'), 'utf8');

test('every capability folder has a capability.js listed once in capabilities.js', () => {
  const listed = [...list.matchAll(/^import \w+ from '\.\/([\w-]+)\/capability\.js';$/gm)].map((m) => m[1]);
  assert.deepEqual([...listed].sort(), folders);
  assert.equal(new Set(listed).size, listed.length);
  for (const folder of folders) assert.ok(fs.existsSync(path.join(JS, folder, 'capability.js')), `${folder}/capability.js`);
});

test('a capability imports only its own files and the shared modules', () => {
  const wrong = [];
  for (const folder of folders) {
    for (const file of fs.readdirSync(path.join(JS, folder)).filter((f) => f.endsWith('.js'))) {
      const src = fs.readFileSync(path.join(JS, folder, file), 'utf8');
      const specs = [...src.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm), ...src.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)];
      for (const [, spec] of specs) {
        const ok = /^\.\/[\w-]+\.js$/.test(spec) || /^\.\.\/[\w-]+\.js$/.test(spec);
        if (!ok) wrong.push(`${folder}/${file}: ${spec}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test('app.js names no page; every route is declared by one capability', async () => {
  const app = fs.readFileSync(path.join(JS, 'app.js'), 'utf8');
  const routes = [];
  for (const folder of folders) {
    const src = fs.readFileSync(path.join(JS, folder, 'capability.js'), 'utf8');
    const pages = src.slice(src.indexOf('pages:'));
    routes.push(...[...pages.matchAll(/^ {4}(\w+): \{/gm)].map((m) => m[1]));
  }
  assert.equal(new Set(routes).size, routes.length, `routes declared twice: ${routes}`);
  for (const name of routes) {
    // A route in an address, a comparison or a table key.
    const named = new RegExp(`#/${name}\\b|[=!]==? *'${name}'|'${name}' *[=!]==?|^\\s*${name}: *\\{`, 'm');
    assert.doesNotMatch(app, named, `app.js names the page ${name}`);
  }
  assert.doesNotMatch(app, /import\(['"]\.\/\w+\//, 'app.js loads a page module itself');
});
