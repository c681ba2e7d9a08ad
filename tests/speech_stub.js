/* A stand-in for the browser's speech engine (speechSynthesis), put in a page before its own
   scripts run. Voices arrive asynchronously, as in real browsers (voiceschanged). Nothing is
   spoken: every utterance is recorded in window.__speech, and the test ends the current one
   with __speech.end() (or lets the engine fail it with __speech.fail()).
   VOICES is replaced by the test with a JSON list; null removes speechSynthesis altogether. */
(function (voices) {
  "use strict";
  if (voices === null) {
    delete window.speechSynthesis;
    delete window.SpeechSynthesisUtterance;
    return;
  }
  var log = window.__speech = { spoken: [], calls: [], current: null };
  var listeners = [], queue = [], loaded = false;

  function Utterance(text) {
    this.text = text; this.voice = null; this.lang = ""; this.rate = 1; this.pitch = 1; this.volume = 1;
    this.onstart = this.onend = this.onerror = this.onboundary = null;
  }

  function next() {
    if (log.current || !queue.length) { return; }
    log.current = queue.shift();
    synth.speaking = true;
    if (log.current.onstart) { log.current.onstart({ type: "start" }); }
  }

  function finish(type, error) {
    var utterance = log.current;
    if (!utterance) { return false; }
    log.current = null;
    synth.speaking = queue.length > 0;
    var handler = type === "end" ? utterance.onend : utterance.onerror;
    if (handler) { handler({ type: type, error: error, utterance: utterance }); }
    next();
    return true;
  }

  var synth = {
    speaking: false, paused: false, pending: false, onvoiceschanged: null,
    getVoices: function () { return loaded ? voices.slice() : []; },
    speak: function (utterance) {
      log.calls.push("speak");
      var voice = utterance.voice;
      log.spoken.push({ text: utterance.text, voice: voice ? voice.name : null,
                        local: voice ? voice.localService : null, lang: utterance.lang, rate: utterance.rate });
      queue.push(utterance);
      if (!synth.paused) { next(); }
    },
    cancel: function () {
      log.calls.push("cancel");
      queue = [];
      var utterance = log.current;
      if (utterance) { setTimeout(function () { if (utterance.onerror) { utterance.onerror({ type: "error", error: "interrupted" }); } }, 0); }
      log.current = null;
      synth.speaking = false;
    },
    pause: function () { log.calls.push("pause"); synth.paused = true; },
    resume: function () { log.calls.push("resume"); synth.paused = false; next(); },
    addEventListener: function (type, listener) { if (type === "voiceschanged") { listeners.push(listener); } },
    removeEventListener: function () {}
  };

  log.end = function () { return finish("end"); };
  log.fail = function () { return finish("error", "synthesis-failed"); };

  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  setTimeout(function () {
    loaded = true;
    listeners.forEach(function (listener) { listener({ type: "voiceschanged" }); });
    if (synth.onvoiceschanged) { synth.onvoiceschanged({ type: "voiceschanged" }); }
  }, 50);
})(VOICES);
