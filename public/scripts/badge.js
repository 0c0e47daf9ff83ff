/*
 * Claim Registry badge loader. Add once to a page:
 *   <script src="https://REGISTRY/badge.js" defer></script>
 * and mark each checked claim: <span data-claim="PUBLIC_ID">…</span>.
 * A badge with the verdict appears after each; activating it shows the ruling.
 *
 * No dependencies, no eval, no inline styles in the host page: the badge lives in a shadow
 * root styled by a constructable stylesheet, so it works under a strict Content-Security-Policy
 * that allows this origin (script-src, connect-src, img-src), and neither page leaks styles
 * into the other. Text from the server is only ever set with textContent.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !document.body || !document.body.attachShadow) {
    return;
  }
  var ORIGIN = new URL(script.src, document.baseURI).origin;
  var STRINGS = __STRINGS__;
  var ID = /^[0-9a-z]{4,12}$/;
  var CSS = [
    ":host{all:initial;display:inline-block;position:relative;vertical-align:middle;",
    "margin:0 .25em;font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328}",
    "button{appearance:none;border:0;margin:0;padding:0;background:none;cursor:pointer;",
    "line-height:0;border-radius:3px}",
    "button:focus-visible,a:focus-visible{outline:2px solid #0969da;outline-offset:2px}",
    "img{display:block;height:20px;width:auto;border:0}",
    ".pop{position:absolute;z-index:2147483000;top:calc(100% + 6px);left:0;",
    "width:max-content;max-width:min(22rem,80vw);box-sizing:border-box;background:#fff;",
    "color:#1f2328;border:1px solid #d0d7de;border-radius:6px;padding:.75rem;",
    "box-shadow:0 4px 12px rgba(0,0,0,.15);text-align:start;white-space:normal}",
    ".pop[hidden]{display:none}",
    ".verdict{display:block;font-weight:600;margin:0 0 .25rem}",
    ".ruling{margin:0 0 .5rem}",
    "a{color:#0969da;text-decoration:underline}"
  ].join("");
  var sheet = null;

  function style(root) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
    } catch (error) {
      // Older browsers: a <style> inside the shadow root still stays out of the host page.
      var node = document.createElement("style");
      node.textContent = CSS;
      root.appendChild(node);
    }
  }

  function make(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function languageOf(node) {
    var chosen = node.getAttribute("data-claim-lang");
    if (!chosen) {
      var holder = node.closest("[lang]");
      chosen = holder ? holder.getAttribute("lang") : "";
    }
    return /^zh/i.test(chosen || "") ? "zh-hant" : "en";
  }

  function absolute(path) {
    var url = new URL(path, ORIGIN);
    return url.origin === ORIGIN ? url.href : ORIGIN + "/";
  }

  function fallback(root, id, lang) {
    root.appendChild(
      make("a", {href: ORIGIN + "/claims/" + id + "/?lang=" + lang, target: "_blank",
        rel: "noopener"}, STRINGS[lang].fallback)
    );
  }

  function render(root, host, data) {
    var image = make("img", {src: absolute(data.badge), alt: data.alt, height: "20"});
    if (data.status === "not-found") {
      root.appendChild(image);
      return;
    }
    var button = make("button", {type: "button", "aria-expanded": "false",
      "aria-controls": "ruling"});
    button.appendChild(image);
    var panel = make("div", {id: "ruling", "class": "pop", role: "region",
      "aria-label": data.alt});
    panel.hidden = true;
    panel.appendChild(make("strong", {"class": "verdict"}, data.message));
    if (data.ruling) {
      panel.appendChild(make("p", {"class": "ruling"}, data.ruling));
    }
    panel.appendChild(make("a", {href: absolute(data.url), target: "_blank", rel: "noopener"},
      data.more));
    function setOpen(open) {
      panel.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      setOpen(panel.hidden);
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        setOpen(false);
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!panel.hidden && event.composedPath().indexOf(host) === -1) {
        setOpen(false);
      }
    });
    root.appendChild(button);
    root.appendChild(panel);
  }

  function mount(target) {
    var id = target.getAttribute("data-claim") || "";
    if (!ID.test(id) || target.hasAttribute("data-claim-badge")) {
      return;
    }
    target.setAttribute("data-claim-badge", "");
    var lang = languageOf(target);
    var host = make("span", {"class": "claim-registry-badge", "data-claim-for": id});
    target.insertAdjacentElement("afterend", host);
    keepPunctuation(host);
    var root = host.attachShadow({mode: "open"});
    style(root);
    fetch(ORIGIN + "/embed/" + id + ".json?lang=" + lang, {credentials: "omit"})
      .then(function (response) {
        if (!response.ok && response.status !== 404) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        render(root, host, data);
      })
      .catch(function () {
        fallback(root, id, lang);
      });
  }

  // Punctuation right after a claim stays on the badge's line: "…claim [badge]." never
  // leaves the full stop alone on the next line. Set through the CSSOM, which a strict
  // style-src allows.
  var PUNCTUATION = /^[.,;:!?\u2026)\]}\u2019\u201d\u00bb\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\uff09\u300d\u300f\u3011\u300b]+/;

  function keepPunctuation(host) {
    var next = host.nextSibling;
    var match = next && next.nodeType === 3 ? PUNCTUATION.exec(next.data) : null;
    if (!match) {
      return;
    }
    var keep = make("span", {"class": "claim-registry-keep"});
    keep.style.whiteSpace = "nowrap";
    host.parentNode.insertBefore(keep, host);
    keep.appendChild(host);
    keep.appendChild(document.createTextNode(match[0]));
    next.data = next.data.slice(match[0].length);
  }

  // Our embed cards say how tall they are (static/public/card-height.js); fit their frames.
  var MAX_CARD_HEIGHT = 2000;

  function ourCards() {
    return Array.prototype.filter.call(document.querySelectorAll("iframe"), function (frame) {
      return frame.src.indexOf(ORIGIN + "/embed/") === 0;
    });
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "claim-registry:height" || typeof data.height !== "number") {
      return;
    }
    ourCards().forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.height = String(Math.max(1, Math.min(MAX_CARD_HEIGHT, Math.ceil(data.height))));
      }
    });
  });

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-claim]"), mount);
    // Cards that loaded before this script listened say their height again.
    ourCards().forEach(function (frame) {
      if (frame.contentWindow) {
        frame.contentWindow.postMessage({type: "claim-registry:measure"}, "*");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
