/**
 * The error pages a half-broken batch zip holds in place of some exports: what a backend's
 * renderer or storage answered when it failed, saved under the export's own name (`cover.png`
 * holding 400 bytes of HTML). The sample backend puts them in a zip when told to (its
 * `errorStubs` option), so the inspector's `error-stub` flag can be seen and tested.
 */

/** Which error page an entry holds: a proxy's HTML page, a JSON API error, a storage service's XML error, or plain text. */
export type ErrorStubKind = 'html' | 'json' | 'xml' | 'text';

/** Exports whose zip entry is an error page instead, by sample path (`pages/page-03.png`). */
export type ErrorStubPlan = Readonly<Record<string, ErrorStubKind>>;

/** A few exports of several types as error pages of each kind: what `npm run sample-backend -- --error-stubs` serves. */
export const DEMO_ERROR_STUBS: ErrorStubPlan = {
  'pages/page-03.png': 'html',
  'reports/report-q2.pdf': 'json',
  'photos/photo-02.jpg': 'xml',
  'pages/page-07.png': 'text',
};

/** The bytes of an error page of `kind` for the export at `path` (about 400 bytes for HTML, as nginx sends). */
export function errorStubBody(kind: ErrorStubKind, path: string): Buffer {
  switch (kind) {
    case 'html':
      return Buffer.from(
        '<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n' +
          '<center><h1>502 Bad Gateway</h1></center>\n' +
          `<p>The renderer did not answer in time while exporting ${escapeHtml(path)}.</p>\n` +
          '<hr><center>nginx</center>\n' +
          '<!-- a padding to disable MSIE and Chrome friendly error page -->\n' +
          '<!-- a padding to disable MSIE and Chrome friendly error page -->\n' +
          '</body>\n</html>\n',
      );
    case 'json':
      return Buffer.from(`${JSON.stringify({ error: { code: 'RENDER_TIMEOUT', message: 'The export could not be rendered in time; try again later.', path } })}\n`);
    case 'xml':
      return Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
          `<Error><Code>AccessDenied</Code><Message>Request has expired</Message><Key>${escapeHtml(path)}</Key></Error>\n`,
      );
    case 'text':
      return Buffer.from('Internal Server Error\n');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
