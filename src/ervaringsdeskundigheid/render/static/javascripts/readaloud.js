/* "Lees voor" on every reader page: shown only with a Dutch voice that runs on the device
   (lang nl…, localService true; network voices send the text to a server and are never used).
   The reader (readaloud-player.js, stylesheets/readaloud-player.css) loads from this site on the
   first press. */
(function () {
  "use strict";
  var synth = window.speechSynthesis, box = document.querySelector(".ed-readaloud");
  var article = box && box.closest("article");
  if (!article || !synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  var player = document.currentScript.src.replace(/\.js([?#].*)?$/, "-player");
  var play = box.querySelector("[data-ed-read=play]"), loading = false;

  function localDutchVoice() {
    var voices = Array.prototype.filter.call(synth.getVoices() || [], function (v) {
      return v && v.localService === true && /^nl([-_]|$)/i.test(v.lang || "");
    });
    return voices.filter(function (v) { return v.default; })[0] ||
      voices.filter(function (v) { return /^nl[-_]nl$/i.test(v.lang); })[0] || voices[0] || null;
  }

  function checkVoices() {   // voices arrive later (voiceschanged), and can go away
    box.hidden = !localDutchVoice();
    if (box.hidden && shared.stop) { shared.stop(); }
  }

  var shared = window.edReadAloud = { voice: localDutchVoice, box: box, article: article };
  play.addEventListener("click", function first() {
    var voice = localDutchVoice();
    if (loading || !voice) { return; }
    loading = true;
    if (/Apple/.test(navigator.vendor || "")) {   // Safari speaks only if the first speak() is in the tap
      var unlock = new window.SpeechSynthesisUtterance(" ");
      unlock.voice = voice;
      unlock.lang = voice.lang;
      synth.speak(unlock);
    }
    var parts = 2, script = document.createElement("script"), style = document.createElement("link");
    script.src = player + ".js";
    style.rel = "stylesheet";
    style.href = player.replace(/\/javascripts\/([^/]*)$/, "/stylesheets/$1") + ".css";
    style.onload = script.onload = function () {
      if (--parts === 0) { play.removeEventListener("click", first); shared.start(); }
    };
    style.onerror = script.onerror = function () { loading = false; };
    document.head.append(style, script);
  });
  var title = article.querySelector("h1");   // the button goes under the page's title
  if (title && !(title.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING)) { title.after(box); }
  checkVoices();
  if (synth.addEventListener) { synth.addEventListener("voiceschanged", checkVoices); }
  if (!synth.onvoiceschanged) { synth.onvoiceschanged = checkVoices; }
  window.setTimeout(checkVoices, 1000);   // some engines never send voiceschanged
})();
