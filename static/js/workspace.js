/* Mubiao workspace: live job progress, select-all, and adding a missed row from a selection. */
(function () {
  "use strict";

  // Live progress: every element with data-job-url polls its JSON twin until the job ends.
  function poll(box) {
    var url = box.getAttribute("data-job-url");
    function set(field, value) {
      box.querySelectorAll('[data-job-field="' + field + '"]').forEach(function (el) {
        if (el.tagName === "PROGRESS") { el.value = value; el.textContent = value + "%"; }
        else { el.textContent = value; }
      });
    }
    function tick() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (s) {
          set("status_label", s.status_label);
          set("stage_label", s.stage_label);
          set("percent_text", s.percent + "%");
          set("percent", s.percent);
          set("message", s.message || "");
          box.setAttribute("data-job-status", s.status);
          box.querySelectorAll(".job-status").forEach(function (el) {
            el.className = "job-status status-" + s.status;
          });
          if (s.finished || s.stalled) {
            // The result (documents, differences) is rendered by the server: reload once.
            if (box.getAttribute("data-job-finished") === "0") { window.location.reload(); }
            return;
          }
          window.setTimeout(tick, 800);
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    tick();
  }
  document.querySelectorAll("[data-job-url]").forEach(function (box) {
    if (box.getAttribute("data-job-finished") === "1") { return; }
    var status = box.querySelector(".job-status");
    if (status && /status-(done|failed)/.test(status.className)) { return; }
    poll(box);
  });

  // Bulk accept: one box ticks every row on the page.
  document.querySelectorAll("[data-select-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('input[type=checkbox][form="bulk"]').forEach(function (c) {
        c.checked = box.checked;
      });
    });
  });

  // Add a missed row: the selection's offsets within the source text become start/end.
  var source = document.getElementById("source");
  var form = document.getElementById("add-row");
  if (!source || !form) { return; }
  var docStart = parseInt(source.getAttribute("data-doc-start"), 10);
  var fullText = source.textContent;

  function offsetOf(node, offset) {
    var range = document.createRange();
    range.setStart(source, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function subjectBefore(index) {
    var stop = "，。；、：:\n,;（(";
    var i = index;
    while (i > 0 && index - i < 30 && stop.indexOf(fullText.charAt(i - 1)) < 0) { i -= 1; }
    return fullText.slice(i, index).trim();
  }

  function field(name) { return form.querySelector('[name="' + name + '"]'); }

  function onSelection() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var range = sel.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) { return; }
    var a = offsetOf(range.startContainer, range.startOffset);
    var b = offsetOf(range.endContainer, range.endOffset);
    var picked = fullText.slice(a, b);
    // Leave surrounding spaces out of the span.
    a += picked.length - picked.replace(/^\s+/, "").length;
    b -= picked.length - picked.replace(/\s+$/, "").length;
    if (b <= a) { return; }
    picked = fullText.slice(a, b);
    field("start").value = docStart + a;
    field("end").value = docStart + b;
    document.getElementById("add-selection").textContent = picked;
    var match = picked.match(/([0-9]+(?:\.[0-9]+)?)/);
    if (match) {
      field("value").value = match[1];
      var rest = picked.slice(match.index + match[0].length);
      ["以上", "左右", "以内"].forEach(function (word) {
        if (rest.indexOf(word) >= 0) { field("comparator").value = word; rest = rest.replace(word, ""); }
      });
      field("unit").value = rest.trim().slice(0, 32);
    }
    if (!field("subject").value) { field("subject").value = subjectBefore(a); }
    form.hidden = false;
  }

  source.addEventListener("mouseup", function () { window.setTimeout(onSelection, 0); });
  source.addEventListener("keyup", function () { window.setTimeout(onSelection, 0); });
  source.addEventListener("touchend", function () { window.setTimeout(onSelection, 300); });
  form.querySelector("[data-add-cancel]").addEventListener("click", function () {
    form.hidden = true;
    form.reset();
  });
})();
