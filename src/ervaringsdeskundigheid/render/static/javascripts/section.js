/* Small improvements on top of pages that work without JavaScript. */
(function () {
  "use strict";

  /* Experts overview: the filters work with CSS alone; this announces how many people match
     and writes the chosen filter into the printed list. */
  var experts = document.querySelector(".ed-experts");
  if (experts) {
    var status = experts.querySelector(".ed-filter-status");
    var stamp = document.querySelector(".ed-print-filter");
    var update = function () {
      var shown = Array.prototype.filter.call(experts.querySelectorAll(".ed-expert"), function (el) {
        return el.offsetParent !== null;
      }).length;
      experts.querySelector(".ed-filter-empty").style.display = shown === 0 ? "block" : "none";
      status.textContent = shown === 1 ? "1 ervaringsdeskundige gevonden." : shown + " ervaringsdeskundigen gevonden.";
      if (stamp) {
        var chosen = Array.prototype.map.call(experts.querySelectorAll("input[type=radio]:checked"), function (input) {
          return input.value ? input.getAttribute("data-label") : "";
        }).filter(Boolean);
        stamp.textContent = chosen.length ? " · Filter: " + chosen.join(", ") : "";
      }
    };
    experts.addEventListener("change", update);
    update();
  }

  /* A search from the 404 page (?q=...) opens the site search with that word. */
  var query = new URLSearchParams(location.search).get("q");
  var toggle = document.getElementById("__search");
  var input = document.querySelector("[data-md-component=search-query]");
  if (query && toggle && input) {
    window.addEventListener("load", function () {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    });
  }
})();
