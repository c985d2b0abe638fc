// Builds lems_viz/templates/assets/plotly-lems.min.js: plotly.js with only the trace types
// lems-viz draws. Run by hand after a plotly upgrade (see README.md here); never at build time.
const esbuild = require('esbuild');
const path = require('path');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { environmentPlugin } = require('esbuild-plugin-environment');
const { version } = require('plotly.js/package.json');
const TRACES = ['scatter', 'pie', 'table', 'treemap'];
const LOCALES = ['es'];

esbuild
  .build({
    entryPoints: [path.join(__dirname, 'entry.js')],
    outfile: path.join(__dirname, '..', '..', 'lems_viz', 'templates', 'assets', 'plotly-lems.min.js'),
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    legalComments: 'none',
    target: 'es2016',
    banner: {
      js: `/* plotly.js v${version} partial bundle for lems-viz; traces: ${TRACES.join(', ')}. ` +
        `Locales: ${LOCALES.join(', ')}. ` +
        'Copyright 2012-2026 Plotly, Inc. MIT License (plotly.js-LICENSE beside this file). */',
    },
    plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
    alias: { stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
  })
  .then(() => console.log(`built plotly.js v${version} with ${TRACES.join(', ')}`));
