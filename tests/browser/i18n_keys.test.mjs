// Message catalogues: web/i18n/ar and web/i18n/en hold the same modules with the same keys
// and placeholders, every value is non-empty, and every literal key the UI code uses exists.
// (No browser needed.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const I18N = path.join(ROOT, 'web', 'i18n');
const JS = path.join(ROOT, 'web', 'js');
const read = (lang, file) => JSON.parse(fs.readFileSync(path.join(I18N, lang, file), 'utf8'));
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function jsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? jsFiles(path.join(dir, d.name)) : d.name.endsWith('.js') ? [path.join(dir, d.name)] : []);
}

test('ar and en have the same catalogue files', () => {
  assert.deepEqual(fs.readdirSync(path.join(I18N, 'ar')).sort(), fs.readdirSync(path.join(I18N, 'en')).sort());
});

for (const file of fs.readdirSync(path.join(I18N, 'ar'))) {
  const module = path.basename(file, '.json');
  test(`${file}: same keys, same placeholders, non-empty values, module prefix`, () => {
    const ar = read('ar', file);
    const en = read('en', file);
    assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort());
    for (const key of Object.keys(ar)) {
      assert.ok(key.startsWith(`${module}.`), `${key} lacks the ${module}. prefix`);
      assert.equal(typeof ar[key], 'string');
      assert.ok(ar[key].trim() && en[key].trim(), `${key} is empty`);
      assert.ok(/[\u0600-\u06ff]/.test(ar[key]), `ar ${key} has no Arabic text`);
      // Plural forms may drop {count} (e.g. the Arabic "one" and "two" forms spell the number).
      if (!/\.(zero|one|two|few|many|other)$/.test(key)) {
        assert.deepEqual(placeholders(ar[key]), placeholders(en[key]), `${key} placeholders differ`);
      }
    }
  });
}

test('every literal key used in web/js exists in both languages', () => {
  const all = {};
  for (const lang of ['ar', 'en']) {
    all[lang] = {};
    for (const file of fs.readdirSync(path.join(I18N, lang))) Object.assign(all[lang], read(lang, file));
  }
  const missing = [];
  for (const file of jsFiles(JS)) {
    const src = fs.readFileSync(file, 'utf8');
    for (const [, key] of src.matchAll(/\bt\('([a-z_]+\.[\w.]+)'/g)) {
      for (const lang of ['ar', 'en']) {
        if (!(key in all[lang]) && !(`${key}.other` in all[lang])) missing.push(`${lang}:${key} (${path.relative(ROOT, file)})`);
      }
    }
    // Navigation labels of the capabilities (web/js/<capability>/capability.js).
    for (const [, key] of src.matchAll(/\bnavKey: '([a-z_]+\.[\w.]+)'/g)) {
      for (const lang of ['ar', 'en']) if (!(key in all[lang])) missing.push(`${lang}:${key}`);
    }
  }
  assert.deepEqual(missing, []);
});
