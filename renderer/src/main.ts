import { mount } from 'svelte';
import App from './App.svelte';
import './styles/app.css';

/** Mounts the app once the page has its `window.exportManager`. */
const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
export default mount(App, { target });
