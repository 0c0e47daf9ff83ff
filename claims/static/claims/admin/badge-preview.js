"use strict";
// Shows the badge a claim would get with the verdict chosen in the form, before it is saved.
document.addEventListener("DOMContentLoaded", function () {
  const select = document.querySelector("select[data-badge-preview]");
  if (!select) {
    return;
  }
  const update = function () {
    document.querySelectorAll("img[data-badge-preview-src]").forEach(function (img) {
      const url = new URL(img.dataset.badgePreviewSrc, window.location.href);
      url.searchParams.set("verdict", select.value);
      img.src = url.pathname + url.search;
    });
  };
  select.addEventListener("change", update);
  update();
});
