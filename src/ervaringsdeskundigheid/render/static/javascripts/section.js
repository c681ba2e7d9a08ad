/* Small improvements on top of pages that work without JavaScript. */
(function () {
  "use strict";

  /* Lists with filters (experts, programmes): the filters work with CSS alone; this says
     how many items match. */
  Array.prototype.forEach.call(document.querySelectorAll(".ed-filtered"), function (list) {
    var status = list.querySelector(".ed-filter-status");
    var empty = list.querySelector(".ed-filter-empty");
    var one = list.classList.contains("ed-experts") ? "ervaringsdeskundige" : "opleiding";
    var many = list.classList.contains("ed-experts") ? "ervaringsdeskundigen" : "opleidingen";
    var update = function () {
      var shown = Array.prototype.filter.call(list.querySelectorAll(".ed-filter-item"), function (el) {
        return getComputedStyle(el).display !== "none";
      }).length;
      if (empty) { empty.style.display = shown === 0 ? "block" : "none"; }
      if (status) { status.textContent = shown === 1 ? "1 " + one + " gevonden." : shown + " " + many + " gevonden."; }
    };
    list.addEventListener("change", update);
    update();
  });

  /* A question opened from a link (#vraag) shows its answer. */
  var openTarget = function () {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  };
  window.addEventListener("hashchange", openTarget);
  openTarget();

  /* An abbreviation says what it means when it is tapped: a title only shows on hover. (Its first
     use on a page already says it in full.) */
  document.addEventListener("click", function (event) {
    var abbr = event.target.closest && event.target.closest("abbr[title]");
    if (abbr && !abbr.closest("a, summary, button, label")) { abbr.classList.toggle("ed-abbr--open"); }
  });

  /* The phone menu closes with Escape, and when focus or a tap leaves it. */
  var menu = document.querySelector(".ed-menu");
  if (menu) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
  }
})();
