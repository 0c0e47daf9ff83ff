/*
 * Django's autocomplete boxes (select2) name their combobox after the chosen option, so an
 * empty one has no accessible name. Give each the label of the field it stands for, whenever
 * select2 draws one (on load, in an added inline row).
 */
(function () {
  "use strict";
  function name() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var box = select.parentElement.querySelector('.select2-selection[role="combobox"]');
      if (label && box && !box.hasAttribute("aria-label")) {
        var text = label.textContent.replace(/:\s*$/, "").trim();
        box.setAttribute("aria-label", text);
        box.removeAttribute("aria-labelledby");
        // The read-only text box inside, which shows the choice, is named after it too.
        var shown = box.querySelector(".select2-selection__rendered");
        if (shown) {
          shown.setAttribute("aria-label", text);
        }
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    name();
    new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
  });
})();
