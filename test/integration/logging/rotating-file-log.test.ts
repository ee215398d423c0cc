import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RotatingFileLog } from '../../../src/main/adapters/rotating-file-log';

describe('the rotating log file', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its folder, appends lines, rotates by size and keeps only a few old files', () => {
    dir = join(mkdtempSync(join(tmpdir(), 'latchkey-logs-')), 'logs');
    const log = new RotatingFileLog({ directory: dir, maxBytes: 100, keep: 2 });
    for (let i = 0; i < 20; i += 1) log.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}`);
    expect(readdirSync(dir).sort()).toEqual(['latchkey.1.log', 'latchkey.2.log', 'latchkey.log']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(100);
    const current = readFileSync(log.path, 'utf8');
    expect(current.endsWith(`line 19 ${'x'.repeat(20)}\n`), 'the newest line is in the current file').toBe(true);
    const newestOld = readFileSync(join(dir, 'latchkey.1.log'), 'utf8');
    const oldestKept = readFileSync(join(dir, 'latchkey.2.log'), 'utf8');
    expect(newestOld > oldestKept, 'latchkey.1.log holds newer lines than latchkey.2.log').toBe(true);
    expect(readFileSync(join(dir, 'latchkey.2.log'), 'utf8')).not.toContain('line 00');
  });

  it('appends to what an earlier run wrote, and gives up quietly when it cannot write', () => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-logs-'));
    new RotatingFileLog({ directory: dir }).write('first run');
    new RotatingFileLog({ directory: dir }).write('second run');
    expect(readFileSync(join(dir, 'latchkey.log'), 'utf8')).toBe('first run\nsecond run\n');
    const blocked = new RotatingFileLog({ directory: join(dir, 'latchkey.log', 'not-a-folder') });
    expect(() => blocked.write('lost')).not.toThrow();
  });
});
