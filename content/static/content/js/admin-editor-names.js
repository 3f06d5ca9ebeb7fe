// Wagtail's rich text editor (Draftail) gives its editable area no accessible
// name, so screen readers announce an unnamed text box. Name each one after the
// field or block it belongs to, including editors added later (new blocks).
(function () {
  "use strict";

  function labelFor(editor) {
    var block = editor.closest("[data-contentpath], .w-field, [data-field]");
    while (block) {
      var label = block.querySelector(
        ":scope > .w-field__label, :scope > label, :scope .c-sf-block__type, :scope > .w-panel__header .w-panel__heading"
      );
      if (label && label.textContent.trim()) {
        return label.textContent.replace("*", "").trim();
      }
      block = block.parentElement && block.parentElement.closest("[data-contentpath], .w-field, [data-field], .w-panel");
    }
    return "Rich text";
  }

  function nameEditors(root) {
    root.querySelectorAll('[contenteditable="true"][role="textbox"]').forEach(function (editor) {
      if (!editor.getAttribute("aria-label") && !editor.getAttribute("aria-labelledby")) {
        editor.setAttribute("aria-label", labelFor(editor));
      }
    });
  }

  function start() {
    nameEditors(document);
    new MutationObserver(function () {
      nameEditors(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
