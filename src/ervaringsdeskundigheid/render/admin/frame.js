// Show the web editor only when it is the page itself, never inside another site's frame
// (admin.css hides it until then). frame-ancestors cannot be set from a meta tag, and some
// hosts (GitHub Pages) cannot send headers, so this is the defence there.
try {
  if (window.top === window.self) {
    document.documentElement.classList.add('ed-not-framed');
  }
} catch {
  // A cross-origin parent: stay hidden.
}
