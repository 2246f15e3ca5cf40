import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options: pure (Electron is imported for types only), so the security
 * settings are tested without Electron. Isolated, sandboxed, no Node anywhere in the page,
 * no webviews, and no middle-click path around the window-open handler.
 */
export function mainWindowOptions(
  preloadPath: string,
  bounds: { x?: number; y?: number; width: number; height: number },
  limits: { minWidth: number; minHeight: number },
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    ...limits,
    show: false,
    title: 'Export Manager',
    backgroundColor: '#1b1d22',
    webPreferences: {
      preload: preloadPath,
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
    },
  };
}
