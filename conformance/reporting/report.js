// report.html's filters and expand/collapse-all. The page is complete without this script: it only
// shows the filter form (rendered hidden) and hides the findings (and operations) a filter leaves out.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("#operations tbody tr"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var shown = document.getElementById("shown");

  function matches(element, wanted) {
    return wanted.every(function (select) {
      return !select.value || element.getAttribute("data-" + select.name) === select.value;
    });
  }

  function apply() {
    var wanted = selects.filter(function (select) { return select.value; });
    var count = 0;
    findings.forEach(function (finding) {
      finding.hidden = !matches(finding, wanted);
      count += finding.hidden ? 0 : 1;
    });
    var api = wanted.filter(function (select) { return select.name === "api"; });
    rows.forEach(function (row) { row.hidden = !matches(row, api); });
    shown.textContent = count + " of " + findings.length + " findings shown";
  }

  function openAll(open) {
    findings.forEach(function (finding) {
      if (!finding.hidden) {
        finding.querySelector("details").open = open;
      }
    });
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("expand").addEventListener("click", function () { openAll(true); });
  document.getElementById("collapse").addEventListener("click", function () { openAll(false); });
  form.hidden = false;
  apply();
})();
