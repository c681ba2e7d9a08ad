/* Loaded in <head> before Material's bundle: the helpers Material's own inline script
   defines (localStorage scoped to the site root), here as a file so the Content-Security-
   Policy needs no inline script. The site root is two folders above this file. */
var __md_scope = new URL("../..", document.currentScript.src),
  __md_hash = function (e) { return Array.prototype.reduce.call(e, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0); },
  __md_get = function (e, s, t) { s = s || localStorage; t = t || __md_scope; return JSON.parse(s.getItem(t.pathname + "." + e)); },
  __md_set = function (e, v, s, t) { s = s || localStorage; t = t || __md_scope; try { s.setItem(t.pathname + "." + e, JSON.stringify(v)); } catch (err) { /* private mode */ } };
