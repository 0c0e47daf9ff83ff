/*
 * The embed card tells the page that frames it how tall it is, so the frame can fit it:
 *   {type: "claim-registry:height", claim: "<public id>", height: <CSS pixels>}
 * badge.js applies it to our frames on the page; README.md has a two-line listener otherwise.
 */
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  var claim = document.body.getAttribute("data-claim") || "";
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({type: "claim-registry:height", claim: claim, height: height}, "*");
    }
  }
  send();
  window.addEventListener("load", send);
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "claim-registry:measure") {
      last = 0;
      send();
    }
  });
  if (window.ResizeObserver) {
    new ResizeObserver(send).observe(document.documentElement);
  }
})();
