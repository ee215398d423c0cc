// Writes to the store in a tight loop until killed. Run by crash-safety.test.ts with the Node 22
// binary, which strips the adapter's types: the same adapter code the app runs, on real files.
import Conf from 'conf';
import { JsonFileStore } from '../../../src/main/adapters/key-value-store.ts';
import { recordFor } from './crash-record.mjs';

const [directory] = process.argv.slice(2);
const store = new JsonFileStore(Conf, { directory, name: 'crash' });
const last = store.get('record');
let seq = typeof last === 'object' && last !== null ? last.seq : 0;
const startedFrom = seq;
// One write lands before the parent starts its clock, so every run makes progress.
store.set('record', recordFor(++seq));
process.stdout.write(`ready ${startedFrom}\n`);
for (;;) store.set('record', recordFor(++seq));
