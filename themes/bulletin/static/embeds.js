// The bulletin theme's embeds. A video's player comes from YouTube only when the reader
// presses its still (before that, nothing is asked of another site); a PDF opens in the
// browser's own viewer under its card on wide screens. Without JavaScript the still is a link
// to the video and the card a link to the file.
(function () {
  // Only web addresses and paths of the site (also when it is opened from a disk) become
  // frames, whatever a page was given.
  function safe(address) {
    try {
      var url = new URL(address, document.baseURI);
      var web = url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === location.protocol;
      return web ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  document.addEventListener('click', function (event) {
    var still = event.target.closest && event.target.closest('a[data-embed]');
    if (!still || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var address = safe(still.getAttribute('data-embed'));
    if (!address) return;
    event.preventDefault();
    var frame = document.createElement('iframe');
    frame.src = address;
    frame.title = still.getAttribute('data-title') || '';
    frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
    frame.allowFullscreen = true;
    frame.className = 'embed__frame';
    still.replaceWith(frame);
    frame.focus();
  });
  // PDFs in the browser's viewer once the window is wide enough (at load, or when widened).
  if (!window.matchMedia) return;
  var wide = window.matchMedia('(min-width: 900px)');
  function openViewers() {
    if (!wide.matches) return;
    var docs = document.querySelectorAll('.doc[data-doc]');
    for (var i = 0; i < docs.length; i++) {
      var viewer = docs[i].querySelector('.doc__viewer');
      var address = safe(docs[i].getAttribute('data-doc'));
      if (!viewer || viewer.firstChild || !address) continue;
      var frame = document.createElement('iframe');
      frame.src = address;
      var title = docs[i].querySelector('.doc__title');
      frame.title = title ? title.textContent : '';
      frame.loading = 'lazy';
      viewer.appendChild(frame);
      viewer.hidden = false;
    }
  }
  openViewers();
  if (wide.addEventListener) wide.addEventListener('change', openViewers);
})();
