// First: it configures zod before any module builds a schema.
import './lib/zod-jitless.ts';
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { markdownLoader } from './lib/utils/markdown/markdown-loader.svelte.ts';

// The markdown chunk is not in the first bundle; fetch it at once, in parallel with the app's data.
void markdownLoader.load();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
