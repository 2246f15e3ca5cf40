import { openZip } from '../../main/core/archive/open-zip';
import { readPlannedEntries } from '../../main/core/archive/planned-entries';
const o = await openZip('/tmp/arch-scratch/10k.zip');
const { writable } = await readPlannedEntries(o.zip);
let t = performance.now();
for (const item of writable) { const s = await o.zip.openReadStreamPromise(item.entry); for await (const c of s) {} }
console.log('for await', (performance.now() - t).toFixed(0));
t = performance.now();
for (const item of writable) { const s = await o.zip.openReadStreamPromise(item.entry); s.resume(); await new Promise((r) => s.on('end', r)); }
console.log('open+drain', (performance.now() - t).toFixed(0));
await o.close();
