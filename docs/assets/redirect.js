/* An old concept URL: go where the concept lives now, keeping the card anchor
 * (a file, not an inline script, so the Content-Security-Policy holds here too). */
(function () {
  "use strict";
  var moved = document.getElementById("moved-to");
  if (moved) location.replace(moved.getAttribute("href") + location.hash);
})();
