import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../main/electron/window-options';

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the page, with no Node, webviews or insecure content', () => {
    const options = mainWindowOptions('/app/preload.cjs', { width: 1200, height: 800 }, { minWidth: 760, minHeight: 520 });
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options).toMatchObject({ width: 1200, height: 800, minWidth: 760, minHeight: 520, show: false });
  });
});
