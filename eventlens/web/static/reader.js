// Article reader: clicking an extracted item in the side panel highlights its characters in the text;
// the URL fragment (#ev-…, #q-…) highlights an item on arrival.
(function () {
  "use strict";
  function clear() {
    Array.prototype.forEach.call(document.querySelectorAll(".seg.hl"), function (s) { s.classList.remove("hl"); });
  }
  function highlight(itemId, scroll) {
    var segs = document.querySelectorAll('.seg[data-items~="' + itemId.replace(/"/g, "") + '"]');
    if (!segs.length) { return; }
    clear();
    Array.prototype.forEach.call(segs, function (s) { s.classList.add("hl"); });
    if (scroll) { segs[0].scrollIntoView({ block: "center" }); }
  }
  document.addEventListener("click", function (evt) {
    var link = evt.target.closest && evt.target.closest("a[data-item]");
    if (!link) { return; }
    evt.preventDefault();
    var item = link.getAttribute("data-item");
    history.replaceState(null, "", "#" + item);
    highlight(item, true);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".kinds input[type=checkbox]"), function (box) {
    box.addEventListener("change", function () { document.body.classList.toggle("hide-" + box.value, !box.checked); });
  });
  if (window.location.hash.length > 1) { highlight(decodeURIComponent(window.location.hash.slice(1)), true); }
  window.EL.ready("reader");
})();
