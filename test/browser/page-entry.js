// Bundled by esbuild for the Chromium test page (test/browser/core-resolver.test.ts): the package's
// browser build, dist/browser.js, exposed to the page as `window.bs`.
import * as bs from '../../dist/browser.js';
window.bs = bs;
