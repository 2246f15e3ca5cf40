import { startApp } from './lib/startup';
import './styles/app.css';

// Where the renderer's own time starts (before its first call to main): `npm run bench:ui`
// measures the first render from here.
performance.mark('export-manager:start');

/** Starts the app once the page has its `window.exportManager`. */
const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
void startApp(target);
