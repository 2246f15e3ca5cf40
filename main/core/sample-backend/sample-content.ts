import { crc32, deflateSync } from 'node:zlib';

/** The kinds of sample export the built-in backend serves. */
export type SampleKind = 'png' | 'jpg' | 'pdf' | 'svg' | 'json' | 'csv' | 'txt';

/** A small deterministic pseudo-random generator (mulberry32), so content never changes between runs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed for a name. */
export function seedOf(name: string): number {
  return crc32(name);
}

/** Builds the deterministic content of a sample export of `kind`, about `size` bytes large. */
export function sampleContent(kind: SampleKind, title: string, size: number): Buffer {
  const random = seededRandom(seedOf(title));
  switch (kind) {
    case 'png':
      return png(Math.max(8, Math.round(Math.sqrt(size / 3))), random);
    case 'jpg':
      return jpegFramed(title, size, random);
    case 'pdf':
      return pdf(title, size);
    case 'svg':
      return svg(title, size, random);
    case 'json':
      return json(title, size, random);
    case 'csv':
      return csv(size, random);
    case 'txt':
      return Buffer.from(`${title}\n`.repeat(Math.max(1, Math.ceil(size / (title.length + 1)))).slice(0, size));
  }
}

/** A real, viewable RGB PNG of side `side` with a seeded gradient (stored deflate keeps the size predictable). */
function png(side: number, random: () => number): Buffer {
  const [r, g, b] = [random() * 255, random() * 255, random() * 255];
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) {
    const row = Buffer.alloc(1 + side * 3);
    for (let x = 0; x < side; x++) {
      row[1 + x * 3] = (r + x * 3) & 255;
      row[2 + x * 3] = (g + y * 3) & 255;
      row[3 + x * 3] = (b + x + y) & 255;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows), { level: 0 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** JPEG framing (SOI, JFIF APP0, comment segments, EOI): the right magic and structure, not a decodable picture. */
function jpegFramed(title: string, size: number, random: () => number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const parts = [Buffer.from([0xff, 0xd8]), app0];
  let length = 2 + app0.length + 2;
  let first = true;
  while (length < size) {
    const payloadLength = Math.min(65533, Math.max(1, size - length - 4));
    const payload = Buffer.alloc(payloadLength);
    if (first) payload.write(title.slice(0, payloadLength), 'utf8');
    else for (let i = 0; i < payloadLength; i++) payload[i] = 32 + Math.floor(random() * 95);
    first = false;
    const segment = Buffer.alloc(4);
    segment.set([0xff, 0xfe], 0);
    segment.writeUInt16BE(payloadLength + 2, 2);
    parts.push(segment, payload);
    length += 4 + payloadLength;
  }
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

/** A valid one-page PDF with the title as text, padded with a comment block to about `size` bytes. */
function pdf(title: string, size: number): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const padding = Math.max(0, size - body.length - 200);
  body += `%${'x'.repeat(Math.max(0, padding - 2))}\n`.slice(0, padding);
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function svg(title: string, size: number, random: () => number): Buffer {
  const shapes: string[] = [];
  let length = 200;
  while (length < size) {
    const shape = `<circle cx="${Math.floor(random() * 800)}" cy="${Math.floor(random() * 600)}" r="${1 + Math.floor(random() * 60)}" fill="hsl(${Math.floor(random() * 360)},70%,55%)"/>`;
    shapes.push(shape);
    length += shape.length + 1;
  }
  const safe = title.replace(/[<&>"]/g, '_');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><title>${safe}</title>\n${shapes.join('\n')}\n</svg>\n`);
}

function json(title: string, size: number, random: () => number): Buffer {
  const rows: Array<{ id: number; x: number; y: number; label: string }> = [];
  let length = 60;
  while (length < size) {
    const row = { id: rows.length + 1, x: Math.round(random() * 1e4) / 100, y: Math.round(random() * 1e4) / 100, label: `item-${rows.length + 1}` };
    rows.push(row);
    length += JSON.stringify(row).length + 1;
  }
  return Buffer.from(`${JSON.stringify({ title, rows })}\n`);
}

function csv(size: number, random: () => number): Buffer {
  const lines = ['id,width,height,score'];
  let length = lines[0]!.length;
  while (length < size) {
    const line = `${lines.length},${Math.floor(random() * 4000)},${Math.floor(random() * 3000)},${(random() * 100).toFixed(2)}`;
    lines.push(line);
    length += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}
