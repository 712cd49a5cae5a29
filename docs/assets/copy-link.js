/* "copy link" buttons on concept pages and cards: put the page's URL (plus the
 * card's anchor) on the clipboard, the link a person pastes into a chat.
 * One listener on the document keeps working across instant navigation. */
(function () {
  if (window.copyLinkReady) return;
  window.copyLinkReady = true;

  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.copy-link") : null;
    if (!button) return;
    var url = location.origin + location.pathname + (button.dataset.anchor ? "#" + button.dataset.anchor : "");
    copy(url).then(function () { done(button, "copied ✓", url); }, function () { done(button, "copy failed", url); });
  });

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {   // plain-HTTP hosts: the old way
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject();
    });
  }

  function done(button, label, url) {
    button.dataset.copied = url;
    button.textContent = label;
    setTimeout(function () { button.textContent = "copy link"; }, 1500);
  }
})();
