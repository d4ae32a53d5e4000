import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, ensureSecretKey, loadConfig } from './config.js';

test('defaults need nothing configured', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.baseUrl, 'http://127.0.0.1:3000');
  assert.ok(Object.isFrozen(config));
});

test('an invalid configuration lists every problem at once', () => {
  try {
    loadConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/x',
      LOG_LEVEL: 'loud',
      SECRET_KEY: 'short',
      BASE_URL: 'ftp://example.org',
    });
    assert.fail('expected a ConfigError');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    const fields = error.problems.map((p) => p.split(':')[0]).sort();
    assert.deepEqual(fields, ['BASE_URL', 'DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SECRET_KEY']);
    assert.match(error.message, /PORT/);
  }
});

test('empty values count as unset and command-line overrides win', () => {
  const config = loadConfig({ PORT: '', HOST: '0.0.0.0' }, { PORT: '8080' });
  assert.equal(config.port, 8080);
  assert.equal(config.baseUrl, 'http://127.0.0.1:8080');
});

test('the secret key is generated once, owner-only, and reused', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kc-config-'));
  const first = ensureSecretKey(loadConfig({ DATA_DIR: dataDir }));
  const second = ensureSecretKey(loadConfig({ DATA_DIR: dataDir }));
  assert.equal(first.secretKey, second.secretKey);
  assert.equal(first.secretKey!.length, 64);
  assert.equal(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim(), first.secretKey);
  assert.equal(statSync(join(dataDir, 'secret.key')).mode & 0o077, 0);
  const configured = ensureSecretKey(loadConfig({ DATA_DIR: dataDir, SECRET_KEY: 'k'.repeat(40) }));
  assert.equal(configured.secretKey, 'k'.repeat(40));
});
