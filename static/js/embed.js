/* The indicator page's "copy embed code" button: copies the iframe snippet of its
   textarea (named by data-copy-target) and says so in the status next to it. */
(function () {
  "use strict";

  function say(button, text) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) { status.textContent = text; }
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source) { return; }
    var text = source.value;
    var done = function () { say(button, button.getAttribute("data-copied")); };
    var failed = function () {
      var details = source.closest("details");
      if (details) { details.open = true; }
      source.focus();
      source.select();
      say(button, button.getAttribute("data-failed"));
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
      return;
    }
    source.select();
    try {
      if (document.execCommand("copy")) { done(); } else { failed(); }
    } catch (error) {
      failed();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".copy-embed");
    if (button) { copy(button); }
  });
})();
