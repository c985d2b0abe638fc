// Copies the reveal.js files the slideshow loads into lems_viz/templates/assets/reveal/, with
// reveal.js's licence. Run by hand after changing the version in package.json (see README.md
// here); never at build time: building or opening a slideshow fetches nothing.
const fs = require('fs');
const path = require('path');

// reveal.js's "exports" hide its package.json from require(): read it from node_modules.
const source = path.join(__dirname, 'node_modules', 'reveal.js');
const { version } = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
const target = path.join(__dirname, '..', '..', 'lems_viz', 'templates', 'assets', 'reveal');
// The core, its layout styles (no theme: the slideshow has its own, with system fonts only)
// and the speaker-notes plugin, whose speaker view works from file:// with no server.
const FILES = {
  'dist/reveal.js': 'reveal.js',
  'dist/reveal.css': 'reveal.css',
  'dist/plugin/notes.js': 'notes.js',
  LICENSE: 'reveal.js-LICENSE',
};

fs.mkdirSync(target, { recursive: true });
for (const [from, to] of Object.entries(FILES)) {
  fs.copyFileSync(path.join(source, from), path.join(target, to));
}
fs.writeFileSync(path.join(target, 'VERSION'), `${version}\n`);
console.log(`copied reveal.js v${version}: ${Object.values(FILES).join(', ')}`);
