/* "Lees voor", the reader: loaded by readaloud.js when "Lees voor" is first pressed. It reads the
   main text aloud, "In het kort" first, with the local Dutch voice readaloud.js found, one
   utterance per sentence (long utterances stop halfway in Chrome), and highlights the sentence
   being read. Navigation, buttons, sources and the inside of closed boxes are not read. */
(function () {
  "use strict";
  var shared = window.edReadAloud, synth = window.speechSynthesis;
  var box = shared.box, article = shared.article;
  var SKIP = "nav, header, footer, aside, button, form, svg, script, style, noscript, template, h1, [hidden], " +
    "[aria-hidden=true], .ed-visually-hidden, .ed-readaloud, .ed-button, .ed-share, .ed-back, .ed-source, " +
    ".ed-sources, .ed-bronnen, details:not([open]) > :not(summary)";
  var BLOCK = "p, li, dt, dd, h2, h3, h4, h5, h6, td, th, caption, figcaption, blockquote, summary, pre, div, section";
  var SLOWER = 0.75, LONG = 200, STORE = "ed-lees-voor-langzamer";
  var play = box.querySelector("[data-ed-read=play]");
  var label = play.querySelector("span");
  var stopButton = box.querySelector("[data-ed-read=stop]");
  var slower = box.querySelector("[data-ed-read=slower]");
  var status = box.querySelector("[role=status]");
  var sentences = null, index = 0, state = "idle", generation = 0;

  function rate() { return slower.getAttribute("aria-pressed") === "true" ? SLOWER : 1; }
  /* Slower is remembered on this device, for the next page. */
  try { slower.setAttribute("aria-pressed", localStorage.getItem(STORE) === "1" ? "true" : "false"); } catch (e) { /* blocked */ }

  /* Whether a text is left out: anything in SKIP, or a "Bronnen" box, between it and its root. */
  function skipped(el, root) {
    for (; el && el !== root; el = el.parentElement) {
      if (el.matches(SKIP)) { return true; }
      if (el.tagName === "DETAILS" && /^\s*bronnen?\b/i.test((el.querySelector("summary") || {}).textContent || "")) {
        return true;
      }
    }
    return !el;
  }

  /* Runs of visible text per block (a sentence never crosses a block), in reading order. */
  function runs(root, leaveOut) {
    var result = [], last = null, walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) {
      var parent = node.parentElement;
      if (!/\S/.test(node.data) || (leaveOut && leaveOut.contains(node)) || skipped(parent, root) ||
          !parent.getClientRects().length) { continue; }
      var block = parent.closest(BLOCK);
      if (!last || last.block !== block) { last = { block: block, nodes: [], text: "" }; result.push(last); }
      last.nodes.push({ node: node, start: last.text.length });
      last.text += node.data;
    }
    return result;
  }

  function sentenceBounds(text) {
    var bounds = [];
    if (window.Intl && Intl.Segmenter) {
      Array.from(new Intl.Segmenter("nl", { granularity: "sentence" }).segment(text)).forEach(function (s) {
        bounds.push([s.index, s.index + s.segment.length]);
      });
    } else {
      text.replace(/[^.!?]+(?:[.!?]+["'\u201d\u2019)]*|$)\s*/g, function (m, at) { bounds.push([at, at + m.length]); });
    }
    /* A long sentence is cut after a comma or a space, so no utterance runs too long. */
    var cut = [];
    bounds.forEach(function (b) {
      var start = b[0];
      while (b[1] - start > LONG) {
        var part = text.slice(start, start + LONG);
        var at = Math.max(part.lastIndexOf(", "), part.lastIndexOf("; "), part.lastIndexOf(": "));
        at = at > LONG / 3 ? at + 2 : part.lastIndexOf(" ") + 1 || LONG;
        cut.push([start, start + at]);
        start += at;
      }
      cut.push([start, b[1]]);
    });
    return cut.filter(function (b) { return /[\p{L}\p{N}]/u.test(text.slice(b[0], b[1])); });
  }

  /* Wrap every sentence's text in spans, so a sentence can be highlighted. */
  function prepare() {
    var main = article.querySelector(".ed-article-body") || article;
    var short = article.querySelector(".ed-short");
    var pieces = [];
    sentences = [];
    (short ? runs(short) : []).concat(runs(main, short)).forEach(function (run) {
      sentenceBounds(run.text).forEach(function (b) {
        var number = sentences.length, text = "";
        run.nodes.forEach(function (part) {
          var from = Math.max(b[0], part.start) - part.start;
          var to = Math.min(b[1], part.start + part.node.data.length) - part.start;
          if (from >= to) { return; }
          var words = part.node.data.slice(from, to);
          /* "2 min lezen" + a badge "Voorbeeld" are two words, not "lezenVoorbeeld". */
          text += (/[\p{L}\p{N})\]]$/u.test(text) && /^[\p{L}\p{N}]/u.test(words) ? " " : "") + words;
          pieces.push({ node: part.node, from: from, to: to, sentence: number });
        });
        sentences.push({ text: text.replace(/\s+/g, " ").trim(), spans: [] });
      });
    });
    /* From the end of each text node backwards, so earlier offsets stay valid. */
    pieces.reverse().forEach(function (p) {
      var text = p.from > 0 ? p.node.splitText(p.from) : p.node;
      if (p.to - p.from < text.data.length) { text.splitText(p.to - p.from); }
      var span = document.createElement("span");
      span.className = "ed-sentence";
      text.parentNode.replaceChild(span, text);
      span.appendChild(text);
      sentences[p.sentence].spans.unshift(span);
    });
  }

  /* After reading, the text is as it was (and a box opened since then is read next time). */
  function unwrap() {
    (sentences || []).forEach(function (sentence) {
      sentence.spans.forEach(function (span) {
        var parent = span.parentNode;
        while (span.firstChild) { parent.insertBefore(span.firstChild, span); }
        parent.removeChild(span);
        parent.normalize();
      });
    });
    sentences = null;
  }

  function highlight(number) {
    Array.prototype.forEach.call(article.querySelectorAll(".ed-reading"), function (el) { el.classList.remove("ed-reading"); });
    var current = number !== null && sentences && sentences[number];
    if (!current || !current.spans.length) { return; }
    current.spans.forEach(function (el) { el.classList.add("ed-reading"); });
    var rect = current.spans[0].getBoundingClientRect();
    if (rect.top < 20 || rect.bottom > window.innerHeight - box.offsetHeight - 20) {
      var still = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
      current.spans[0].scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    }
  }

  function say(message) { status.textContent = message; }

  /* While reading, the controls stay at the bottom of the screen, like a player. */
  function show() {
    box.classList.toggle("ed-readaloud--active", state !== "idle");
    document.documentElement.classList.toggle("ed-reading-aloud", state !== "idle");
    label.textContent = state === "reading" ? "Pauze" : state === "paused" ? "Verder" : "Lees voor";
    stopButton.hidden = slower.hidden = state === "idle";
  }

  /* Silence whatever is being said, without its end or error event moving on. */
  function hush() {
    generation += 1;
    synth.cancel();
  }

  function speak() {
    var voice = shared.voice();
    if (!voice) { return stop("Er is geen Nederlandse stem meer op dit apparaat."); }
    var run = generation, done = false;
    var utterance = new window.SpeechSynthesisUtterance(sentences[index].text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = rate();
    var finish = function (event) {
      if (done || run !== generation) { return; }
      done = true;
      if (event && event.type === "error") { return stop("Voorlezen lukt nu niet. Probeer het later nog eens."); }
      index += 1;
      if (index < sentences.length) { speak(); } else { stop("Klaar met voorlezen."); }
    };
    utterance.onend = finish;
    utterance.onerror = finish;
    box.utterance = utterance;   // Chrome drops the events of an utterance nothing refers to
    highlight(index);
    if (synth.paused) { synth.resume(); }
    synth.speak(utterance);
  }

  function stop(message) {
    var hadFocus = stopButton.contains(document.activeElement);
    hush();
    state = "idle";
    index = 0;
    highlight(null);
    unwrap();
    show();
    if (hadFocus) { play.focus(); }
    if (message) { say(message); }
  }

  function toggle() {
    if (state === "reading") {
      /* Android's engine cancels on pause(); so everywhere: stop now, and "Verder" says the
         sentence again from its start. */
      hush();
      state = "paused";
      say("Voorlezen is gepauzeerd. Kies Verder om verder te luisteren.");
    } else {
      if (!sentences) { prepare(); }
      if (!sentences.length) { return say("Er is op deze pagina geen tekst om voor te lezen."); }
      say(state === "paused" ? "Verder met voorlezen." : "De tekst wordt voorgelezen.");
      state = "reading";
      hush();
      speak();
    }
    show();
  }

  play.addEventListener("click", toggle);
  stopButton.addEventListener("click", function () { stop("Voorlezen is gestopt."); });
  slower.addEventListener("click", function () {
    var on = rate() === 1;
    slower.setAttribute("aria-pressed", on ? "true" : "false");
    try { localStorage.setItem(STORE, on ? "1" : "0"); } catch (e) { /* blocked */ }
    say(on ? "Er wordt nu langzamer voorgelezen." : "Er wordt nu op gewone snelheid voorgelezen.");
    if (state === "reading") { hush(); speak(); }   // the sentence again, at the new speed
  });
  window.addEventListener("pagehide", function () { if (state !== "idle") { stop(); } });
  shared.start = toggle;
  shared.stop = function () { if (state !== "idle") { stop("Er is geen Nederlandse stem meer op dit apparaat."); } };
})();
