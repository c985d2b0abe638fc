// Copy HTML_CodeSniffer's built bundle and its licence into tests/vendor, where the browser
// tests inject it into each page through Playwright (as they inject axe).
const fs = require("fs");
const path = require("path");

const from = path.join(__dirname, "node_modules", "html_codesniffer");
const to = path.join(__dirname, "..", "..", "tests", "vendor");
const version = require(path.join(from, "package.json")).version;
fs.mkdirSync(to, { recursive: true });
const bundle = fs.readFileSync(path.join(from, "build", "HTMLCS.js"), "utf8");
fs.writeFileSync(path.join(to, "HTMLCS.js"), `/* HTML_CodeSniffer v${version} (BSD-3-Clause, see HTMLCS-LICENSE) */\n` + bundle);
fs.copyFileSync(path.join(from, "licence.txt"), path.join(to, "HTMLCS-LICENSE"));
console.log(`tests/vendor/HTMLCS.js: HTML_CodeSniffer v${version}`);
