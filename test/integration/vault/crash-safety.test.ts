import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Conf from 'conf';
import { JsonFileStore } from '../../../src/main/adapters/key-value-store';
import { recordFor } from './crash-record.mjs';
import { vaultFolders } from './folder';

const folders = vaultFolders();
const writer = fileURLToPath(new URL('./crash-writer.mjs', import.meta.url));
const kills = 25;

/** Starts the writer, lets it write for a moment after its first write, and SIGKILLs it mid-loop. */
async function writeUntilKilled(directory: string, pauseMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', writer, directory], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [line] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit').then(() => [Buffer.from('')])])) as [Buffer];
  const ready = /^ready (\d+)/u.exec(line.toString());
  if (!ready) throw new Error(`The writer did not start: ${stderr}`);
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  expect({ code, signal }, stderr).toEqual({ code: null, signal: 'SIGKILL' });
  return Number(ready[1]);
}

describe('crash safety', () => {
  it(`the store always opens holding the old or the new value, across ${kills} SIGKILLs mid-write`, async () => {
    const folder = folders.create();
    let previous = 0;
    for (let run = 0; run < kills; run++) {
      const startedFrom = await writeUntilKilled(folder.dir, 3 + ((run * 7) % 20));
      expect(startedFrom).toBe(previous);

      const store = new JsonFileStore(Conf, { directory: folder.dir, name: 'crash' });
      expect(store.copies(), 'the file was never damaged, so nothing was set aside').toEqual([]);
      const record = store.get('record') as { seq: number; body: string };
      expect(record.seq).toBeGreaterThan(previous);
      expect(record).toEqual(recordFor(record.seq));
      previous = record.seq;
    }
    expect(folder.files(), 'temporary files of interrupted writes are cleared at open').toEqual([`${folder.dir}/crash.json`]);
  });
});
