/**
 * A separate process that adds tracked exports in batches, one transaction each, and prints
 * `committed N` after each commit. Used by the concurrency and kill tests. It opens the store
 * as the command line does (waiting while the other writer holds the lock).
 * Arguments: dataDir profileId prefix batches batchSize [wait]. With `wait` it prints `ready` and
 * starts on a line from stdin, so two writers can be started together.
 */
import { DEFAULT_BUSY_POLICY } from '../../../main/core/store/busy-retry';
import { openStore } from '../../../main/core/store/store';

const [dataDir, profileId, prefix, batches, batchSize, wait] = process.argv.slice(2);
const store = openStore(dataDir!, { waitWhenBusy: DEFAULT_BUSY_POLICY });
if (wait === 'wait') {
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
}
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
