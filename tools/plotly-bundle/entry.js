'use strict';
// plotly.js core with only the trace types lems-viz draws: scatter (in core), pie, table, treemap.
var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/pie'), require('plotly.js/lib/table'), require('plotly.js/lib/treemap')]);
module.exports = Plotly;
