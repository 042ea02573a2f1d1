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
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace';
      document.body.append(overlay);
    }
    overlay.innerHTML = '<h2 style="margin-top:0;color:#fff">The last save did not build</h2><p>The page shows the last good build. Fix the file and save again.</p><pre style="white-space:pre-wrap"></pre>';
    overlay.querySelector('pre').textContent = text;
  };
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('failed', (e) => show(JSON.parse(e.data).text));
})();
