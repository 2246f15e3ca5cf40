import { describe, expect, it } from 'vitest';
import { ProgressBar, progressLine } from '../../../main/cli/progress-bar';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: Object.assign({ write: (chunk: string) => chunks.push(chunk) > 0 }, { isTTY, columns: 80 }) };
}

describe('progress bar', () => {
  it('draws a bar with percent, amount, speed and ETA when the total is known', () => {
    const line = progressLine({ bytes: 512 * 1024, total: 1024 * 1024, bytesPerSecond: 1024 * 1024, etaSeconds: 1 }, 100);
    expect(line).toMatch(/^\[#+-+\] /);
    expect(line.slice(line.indexOf(']') + 1)).toBe('  50% 512 KiB / 1.00 MiB  1.00 MiB/s  ETA 1 s');
  });

  it('shows bytes and speed without a bar when the total is unknown', () => {
    expect(progressLine({ bytes: 2048, total: null, bytesPerSecond: null, etaSeconds: null })).toBe('Downloading… 2.00 KiB  —');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { chunks, stream } = sink(false);
    const bar = new ProgressBar(stream as unknown as NodeJS.WritableStream);
    bar.update({ bytes: 1, total: 2, bytesPerSecond: 1, etaSeconds: 1 });
    bar.done();
    expect(chunks).toEqual([]);
  });

  it('redraws one line on a terminal and clears it when done', () => {
    const { chunks, stream } = sink(true);
    const bar = new ProgressBar(stream as unknown as NodeJS.WritableStream);
    bar.update({ bytes: 1, total: 2, bytesPerSecond: 1, etaSeconds: 1 });
    bar.done();
    expect(chunks[0]?.startsWith('\r\x1b[2K[')).toBe(true);
    expect(chunks.at(-1)).toBe('\r\x1b[2K');
  });
});
