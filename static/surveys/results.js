// Charts of a survey's results (templates/surveys/results.html), drawn by the vendored Chart.js from
// the numbers the page carries in #survey-chart-data.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("survey-chart-data");
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    // The page's own font stack, so that Chinese labels draw with the shipped font where the PC has none.
    Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 13;
    var colour = "#8b1a1a";
    var byId = {};
    data.questions.forEach(function (q) { byId[q.id] = q; });
    document.querySelectorAll("canvas.question-chart").forEach(function (canvas) {
      var q = byId[canvas.dataset.question];
      if (!q) { return; }
      new Chart(canvas, {
        type: "bar",
        data: { labels: q.labels, datasets: [{ data: q.counts, backgroundColor: colour }] },
        options: { indexAxis: "y", animation: false, plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    });
    var satisfaction = document.getElementById("chart-satisfaction");
    if (satisfaction && data.satisfaction.labels.length) {
      new Chart(satisfaction, {
        type: "bar",
        data: { labels: data.satisfaction.labels, datasets: [{ data: data.satisfaction.rates, backgroundColor: colour }] },
        options: { indexAxis: "y", animation: false, plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 100 } } }
      });
    }
  }
  // A canvas does not wait for web fonts: draw once they are ready.
  function start() { if (document.fonts && document.fonts.ready) { document.fonts.ready.then(draw); } else { draw(); } }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
