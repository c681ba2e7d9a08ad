// Sveltia CMS ignores `locale` in config.yml and follows the browser's language, so every
// editor starts in Dutch. A language chosen later in the settings is kept.
try {
  const key = 'sveltia-cms.prefs';
  const prefs = JSON.parse(localStorage.getItem(key) || '{}') || {};
  if (!prefs.locale) {
    prefs.locale = 'nl';
    localStorage.setItem(key, JSON.stringify(prefs));
  }
} catch {
  // Storage blocked: the editor then follows the browser's language.
}
