/* Concept link previews: hovering (or focusing) a link to a concept page shows
 * its title, Chinese name, first definition and decks without leaving the page.
 * On touch screens the first tap shows the preview, a second tap (or "Open")
 * follows the link. The text comes from the small JSON the build writes beside
 * each concept page (cardsite/site/concept_pages.py, preview_data), inserted as
 * text only. Listeners live on the document, so they keep working across
 * Material's instant navigation. */
(function () {
  if (window.conceptPreview) return;
  var script = document.currentScript;
  var root = new URL("../", script ? script.src : location.href);  // this file is assets/preview.js
  // where the site's parts are: written into every page by the build (hooks/site_layout.py)
  var layout = JSON.parse((document.getElementById("cardsite-layout") || {}).textContent || "{}");
  var concepts = new URL(layout.concepts, root).pathname;
  var cache = new Map();
  var box = null, current = null, tapped = null, timer = 0, lastPointer = "mouse";

  window.conceptPreview = { show: show, hide: hide };

  document.addEventListener("pointerdown", function (e) { lastPointer = e.pointerType; }, true);
  document.addEventListener("mouseover", function (e) {
    var link = conceptLink(e.target);
    if (!link || lastPointer === "touch") return;
    clearTimeout(timer);
    timer = setTimeout(function () { show(link); }, 120);
  });
  document.addEventListener("mouseout", function (e) {
    if (conceptLink(e.target) && !(box && box.contains(e.relatedTarget))) {
      clearTimeout(timer);
      timer = setTimeout(hide, 200);
    }
  });
  document.addEventListener("focusin", function (e) {
    var link = conceptLink(e.target);
    if (link) show(link);
  });
  document.addEventListener("click", function (e) {
    var link = conceptLink(e.target);
    if (link && lastPointer === "touch" && tapped !== link) {
      e.preventDefault();          // first tap: preview; second tap: follow
      e.stopImmediatePropagation();
      tapped = link;
      show(link);
    } else if (box && !box.contains(e.target) && !link) {
      hide();
    }
  }, true);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  window.addEventListener("scroll", function () { if (lastPointer !== "touch") hide(); }, { passive: true });

  function conceptLink(node) {
    var link = node && node.closest ? node.closest("a[href]") : null;
    if (!link || !link.closest(".md-content") || link.classList.contains("headerlink")) return null;
    var url = new URL(link.href, location.href);
    var rest = url.pathname.indexOf(concepts) === 0 ? url.pathname.slice(concepts.length) : "";
    if (url.origin !== location.origin || !/^[^/]+\/$/.test(rest)) return null;  // a concept page, not a list
    return url.pathname === location.pathname ? null : link;
  }

  function show(link) {
    if (!link.isConnected) return;  // its page was swapped (instant navigation) before the hover delay ran out
    current = link;
    var url = new URL(link.href, location.href);
    url.hash = "";
    summary(url.href).then(function (data) {
      if (current !== link || !data) return;
      render(link, url.href, data);
    });
  }

  function summary(href) {
    if (!cache.has(href)) {
      cache.set(href, fetch(new URL(layout.preview, href)).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; }));
    }
    return cache.get(href);
  }

  function render(link, href, data) {
    if (!box) {
      box = document.createElement("div");
      box.className = "concept-preview";
      box.setAttribute("role", "tooltip");
      box.id = "concept-preview";
      box.addEventListener("mouseleave", function () { timer = setTimeout(hide, 200); });
      box.addEventListener("mouseenter", function () { clearTimeout(timer); });
    }
    box.replaceChildren();
    var title = document.createElement("strong");
    title.textContent = data.title;
    box.append(title);
    if (data.zh) {
      var zh = document.createElement("span");
      zh.className = "concept-preview__zh";
      zh.lang = "zh";
      zh.textContent = data.zh;
      box.append(" ", zh);
    }
    var text = document.createElement("p");
    text.textContent = data.summary;
    box.append(text);
    if (data.decks && data.decks.length) {
      var decks = document.createElement("p");
      decks.className = "concept-preview__decks";
      decks.textContent = data.decks.join(" · ");
      box.append(decks);
    }
    var open = document.createElement("a");
    open.href = href;
    open.textContent = "Open page →";
    box.append(open);
    document.body.appendChild(box);
    link.setAttribute("aria-describedby", box.id);
    var r = link.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8);
    box.style.left = Math.max(8, left) + "px";
    box.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hide() {
    clearTimeout(timer);
    if (box && box.parentNode) box.parentNode.removeChild(box);
    if (current) current.removeAttribute("aria-describedby");
    current = tapped = null;
  }

  // Instant navigation swaps the page: a preview of the old page must go.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(hide);
})();
