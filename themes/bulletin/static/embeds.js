// The bulletin theme's embeds. A video's player comes from YouTube only when the reader
// presses its still (before that, nothing is asked of another site); a PDF opens in the
// browser's own viewer under its card on wide screens. Without JavaScript the still is a link
// to the video and the card a link to the file.
(function () {
  document.addEventListener('click', function (event) {
    var still = event.target.closest && event.target.closest('a[data-embed]');
    if (!still || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var frame = document.createElement('iframe');
    frame.src = still.getAttribute('data-embed');
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
      if (!viewer || viewer.firstChild) continue;
      var frame = document.createElement('iframe');
      frame.src = docs[i].getAttribute('data-doc');
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
