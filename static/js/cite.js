// "Copy citation" buttons: <button class="copy" data-copy="#selector" data-done="...">.
// A static file, no inline script (the pages run under a strict Content-Security-Policy).
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.copy[data-copy]");
  if (!button) return;
  var field = document.querySelector(button.dataset.copy);
  if (!field) return;
  field.select();
  var done = function () {
    var label = button.textContent;
    button.textContent = button.dataset.done || label;
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(done, function () {});
  } else {
    document.execCommand("copy");
    done();
  }
});
