// Progressive enhancement for an action's suggested post: a "Copy the post" button, added only where the
// browser offers the clipboard. Without it (or without JavaScript) the post stays selectable text.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("blockquote.suggested-post[data-copy-label]").forEach(function (post) {
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "button secondary copy-post";
    copy.textContent = post.getAttribute("data-copy-label");
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "muted";
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(post.textContent.trim()).then(function () {
        status.textContent = post.getAttribute("data-copied-label");
      });
    });
    post.after(copy, status);
  });
})();
