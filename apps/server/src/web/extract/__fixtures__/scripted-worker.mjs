// A stand-in extraction worker for pool tests, scripted by the page text: `hang` never answers
// (a busy loop, as a pathological page would), `crash` throws, `exit` ends the thread; anything
// else is echoed back as the title. It speaks the same protocol as extract-worker.ts.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', ({ id, html, url }) => {
  if (html === 'hang') for (;;);
  if (html === 'crash') throw new Error('scripted crash');
  if (html === 'exit') process.exit(3);
  parentPort.postMessage({ type: 'done', id, value: { title: html, byline: null, siteName: null, lang: null, text: `${threadId} ${url}`, excerpt: null } });
});
parentPort.postMessage({ type: 'ready' });
