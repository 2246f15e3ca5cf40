/**
 * A separate process that adds tracked exports in batches, one transaction each, and prints
 * `committed N` after each commit. Used by the concurrency and kill tests.
 * Arguments: dataDir profileId prefix batches batchSize [startAtEpochMs]
 */
import { openStore } from '../../../main/core/store/store';

const [dataDir, profileId, prefix, batches, batchSize, startAt] = process.argv.slice(2);
const store = openStore(dataDir!);
// Start together with the other writer, whatever each process's start-up time.
if (startAt) await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
let committed = 0;
for (let b = 0; b < Number(batches); b++) {
  const lines = Array.from({ length: Number(batchSize) }, (_, i) => {
    const n = b * Number(batchSize) + i;
    return { line: n + 1, value: `https://cdn.example.com/${prefix}/export-${n}.png` };
  });
  committed += store.tracked.add(profileId!, lines).added;
  process.stdout.write(`committed ${committed}\n`);
}
store.close();
