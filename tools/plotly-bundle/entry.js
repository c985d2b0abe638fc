'use strict';
// plotly.js core with only the trace types lems-viz draws: scatter (in core), pie, table, treemap,
// and the words of its buttons in every language the pages are written in besides English.
var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/pie'), require('plotly.js/lib/table'), require('plotly.js/lib/treemap')]);
Plotly.register([require('plotly.js/lib/locales/es')]);
module.exports = Plotly;
