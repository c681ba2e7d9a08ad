/* The site search (render/search.py makes the index with Pagefind).

   Nothing of the search is loaded until a reader opens it: the button in the header opens a
   dialog with a focused search field, and only then Pagefind's script, its WebAssembly and
   the index parts a query needs are fetched. Escape or "Sluiten" closes the dialog and puts
   focus back on the button. The number of results is announced (role="status"). A link with
   ?q=word (the 404 page's form, the suggestions) opens the search with that word. Results
   are built as text nodes: nothing from the index becomes HTML. */
(function () {
  "use strict";

  var dialog = document.getElementById("ed-search");
  var opener = document.querySelector(".ed-search-open");
  if (!dialog || !opener || typeof dialog.showModal !== "function") { return; }
  var input = dialog.querySelector(".ed-search__input");
  var status = dialog.querySelector(".ed-search__status");
  var list = dialog.querySelector(".ed-search__results");
  var root = new URL("../../", document.currentScript.src);   // this file is assets/javascripts/search.js
  var PAGE = 10;
  var engine = null;        // a promise of Pagefind, made on first use
  var latest = 0;           // the number of the newest query; older answers are dropped
  var timer = null;

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        var ranking = JSON.parse(dialog.getAttribute("data-ranking") || "{}");   // render/search.py
        return module.options({ baseUrl: root.pathname, excerptLength: 24, ranking: ranking }).then(function () {
          module.init();
          return module;
        });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function say(text) { status.textContent = text; }

  /* Text from the index, with Pagefind's <mark> around the words found, as DOM nodes. A
     textarea decodes character references and never makes elements. */
  var decoder = document.createElement("textarea");
  function plain(html) {
    decoder.innerHTML = html;
    return decoder.value;
  }
  function marked(excerpt, into) {
    excerpt.split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (part) {
      var match = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      if (match) {
        var mark = document.createElement("mark");
        mark.textContent = plain(match[1]);
        into.appendChild(mark);
      } else if (part) {
        into.appendChild(document.createTextNode(plain(part)));
      }
    });
  }

  /* A match inside a question that opens (<details id>) links to that question. */
  function target(data) {
    var first = data.locations && data.locations.length ? Math.min.apply(null, data.locations) : 0;
    var best = null;
    (data.anchors || []).forEach(function (anchor) {
      if (anchor.element === "details" && anchor.location <= first && (!best || anchor.location > best.location)) {
        best = anchor;
      }
    });
    return best ? data.url.split("#")[0] + "#" + encodeURIComponent(best.id) : data.url;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "ed-search__result";
    var link = document.createElement("a");
    link.className = "ed-search__title";
    link.href = target(data);
    link.textContent = plain((data.meta && data.meta.title) || data.url);
    li.appendChild(link);
    if (data.meta && data.meta.soort) {
      var kind = document.createElement("p");
      kind.className = "ed-search__kind";
      kind.textContent = plain(data.meta.soort);
      li.appendChild(kind);
    }
    if (data.excerpt) {
      var excerpt = document.createElement("p");
      excerpt.className = "ed-search__excerpt";
      marked(data.excerpt, excerpt);
      li.appendChild(excerpt);
    }
    return li;
  }

  function count(n) { return n === 1 ? "1 resultaat" : n + " resultaten"; }

  function show(results, query, shown) {
    var slice = results.slice(shown, shown + PAGE);
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (pages) {
      var more = list.querySelector(".ed-search__more");
      if (more) { more.remove(); }
      pages.forEach(function (data) { list.appendChild(item(data)); });
      var total = shown + pages.length;
      if (total < results.length) {
        var li = document.createElement("li");
        li.className = "ed-search__more";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "Meer resultaten";
        button.addEventListener("click", function () {
          var next = list.children.length - 1;
          show(results, query, total).then(function () {
            var link = list.children[next] && list.children[next].querySelector("a");
            if (link) { link.focus(); }
          });
        });
        li.appendChild(button);
        list.appendChild(li);
      }
    });
  }

  function run(query) {
    var number = ++latest;
    query = query.trim();
    if (!query) {
      list.textContent = "";
      say("");
      return Promise.resolve();
    }
    if (!engine) { say("Zoeken wordt klaargezet …"); }
    return pagefind().then(function (module) {
      return module.search(query);
    }).then(function (search) {
      if (number !== latest || !search) { return; }
      list.textContent = "";
      var results = search.results;
      return show(results, query, 0).then(function () {
        if (number !== latest) { return; }
        say(results.length ? count(results.length) + " voor ‘" + query + "’."
          : "Geen resultaten voor ‘" + query + "’. Probeer een ander woord, of kies er een hieronder.");
      });
    }, function () {
      if (number === latest) { say("Zoeken lukt nu niet. Kies hieronder een onderwerp."); }
    });
  }

  function open(query) {
    if (!dialog.open) { dialog.showModal(); }
    pagefind();                       // start loading while the reader types
    if (typeof query === "string") {
      input.value = query;
      run(query);
    }
    input.focus();
  }

  var leaving = false;       // a link in the dialog was followed: focus goes with it
  opener.addEventListener("click", function () { open(); });
  dialog.querySelector(".ed-search__close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    if (!leaving) { opener.focus(); }
    leaving = false;
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) { dialog.close(); }   // a tap beside the panel
  });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 150);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a");
    if (link && link.hasAttribute("data-ed-search")) {
      event.preventDefault();
      open(link.getAttribute("data-ed-search"));
    } else if (link && dialog.open && dialog.contains(link)) {
      leaving = true;
      dialog.close();
    }
  });

  var asked = new URLSearchParams(location.search).get("q");
  if (asked) { open(asked); }
})();
