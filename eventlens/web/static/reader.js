// Article reader: clicking an extracted item in the side panel highlights its characters in the text;
// the URL fragment (#ev-…, #q-…) highlights an item on arrival.
(function () {
  "use strict";
  function clear() {
    Array.prototype.forEach.call(document.querySelectorAll(".seg.hl"), function (s) { s.classList.remove("hl"); });
  }
  function highlight(itemId, scroll) {
    var segs;
    try {
      segs = document.querySelectorAll('.seg[data-items~="' + CSS.escape(itemId) + '"]');
    } catch (e) {
      return;  // not an item id any selector can name: nothing to highlight
    }
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
  // A fragment is whatever the link said: "#%E0%A4%A" makes decodeURIComponent throw "URI malformed" (#16).
  // Such a fragment names no item; the page still highlights nothing and signals ready.
  function fragment() {
    try {
      return decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      return "";
    }
  }
  try {
    if (window.location.hash.length > 1) { highlight(fragment(), true); }
  } finally {
    window.EL.ready("reader");
  }
})();
