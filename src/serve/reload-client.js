// Injected by `dateline serve` into every HTML page it serves (never into a built site): reloads
// the page when a save changed it (at once, or after the rebuild), and shows a failed build's
// messages over the page while the last good site stays served.
(() => {
  // The page says which it is, so that a save reloads at once the pages it changed.
  const events = new EventSource(`/__dateline/events?page=${encodeURIComponent(location.pathname)}`);
  let overlay;
  const show = (text) => {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.setAttribute('role', 'alert');
      overlay.id = 'dateline-error-overlay';
      overlay.style.cssText =
        'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace';
      document.body.append(overlay);
    }
    overlay.innerHTML =
      '<h2 style="margin-top:0;color:#fff">The last save did not build</h2><p>The page shows the last good build. Fix the file and save again.</p><pre style="white-space:pre-wrap"></pre>';
    overlay.querySelector('pre').textContent = text;
  };
  // The search page, while a build runs: its index is the last build's until the page reloads.
  events.addEventListener('building', () => {
    const app = document.getElementById('search-app');
    if (!app || document.getElementById('dateline-search-behind')) return;
    const note = document.createElement('p');
    note.id = 'dateline-search-behind';
    note.setAttribute('role', 'status');
    note.style.cssText = 'padding:.5rem .75rem;border:1px solid currentColor;border-radius:4px';
    note.textContent = 'Building your last save: the search index may not have it yet. This page reloads when it does.';
    app.before(note);
  });
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('failed', (e) => show(JSON.parse(e.data).text));
})();
