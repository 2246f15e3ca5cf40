import { describe, expect, it } from 'vitest';
import { parseContentDisposition } from '../../../../main/core/http/content-disposition';
import { zipFilenameFrom } from '../../../../main/core/files/filename';

describe('parseContentDisposition: a quoted filename the server never closed', () => {
  it('reads `filename="unterminated.zip` as unterminated.zip, as browsers do', () => {
    expect(parseContentDisposition('attachment; filename="unterminated.zip')).toEqual({ type: 'attachment', filename: 'unterminated.zip' });
    // What the window saves it as: the name, not `_unterminated.zip`.
    expect(zipFilenameFrom('attachment; filename="unterminated.zip')).toEqual({ filename: 'unterminated.zip', source: 'content-disposition' });
  });

  it('keeps escapes and a `;` inside the open quote, and trailing spaces go', () => {
    expect(parseContentDisposition('attachment; filename="a\\"b;c.zip  ').filename).toBe('a"b;c.zip');
  });

  it('still reads closed quotes, bare tokens, and a lone quote as no name', () => {
    expect(parseContentDisposition('attachment; filename="closed.zip"').filename).toBe('closed.zip');
    expect(parseContentDisposition('attachment; filename=bare.zip').filename).toBe('bare.zip');
    expect(parseContentDisposition('attachment; filename="').filename).toBeNull();
  });
});
