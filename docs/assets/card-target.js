/* The card a link points at (#anchor) is outlined: by the browser's :target
 * after a full page load, and by the class is-target after Material's
 * instant navigation, which scrolls to the anchor without setting :target. */
(function () {
  if (window.cardTargetReady) return;
  window.cardTargetReady = true;

  function mark() {
    document.querySelectorAll(".flashcard.is-target").forEach(function (e) { e.classList.remove("is-target"); });
    var id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
    var card = id ? document.getElementById(id) : null;
    if (card && card.classList.contains("flashcard")) card.classList.add("is-target");
  }

  window.addEventListener("hashchange", mark);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
})();
