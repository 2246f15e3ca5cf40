// `npm run fuzz`: the long run of the fast body path's differential tests
// (test/unit/fast-body/differential.test.ts): many more seeded byte streams, each parsed by
// Node's own parser and by the fast one, which must agree. FUZZ_ROUNDS (default 50,000) and
// FUZZ_SEED (default: from the clock, printed so a failure can be replayed) are passed on;
// `npm test` runs the same test with 300 rounds of a fixed seed.
import { spawn } from 'node:child_process';
import { toolCommand } from './node-commands.mjs';

const rounds = process.env.FUZZ_ROUNDS ?? '50000';
const seed = process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31);
console.log(`fuzz: ${rounds} streams from seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_ROUNDS=${rounds} npm run fuzz)`);

const [command, ...args] = toolCommand('vitest', ['run', 'test/unit/fast-body/differential.test.ts', '-t', 'seeded']);
const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, FUZZ_ROUNDS: rounds, FUZZ_SEED: seed } });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
