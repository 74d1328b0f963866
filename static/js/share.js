// Progressive enhancement for share sections: a "Share…" button for the system share sheet (Web Share API)
// and a "Copy link" button. Without JavaScript the plain links and the selectable address still work.
(function () {
  "use strict";
  function button(label) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "button secondary";
    element.textContent = label;
    return element;
  }
  document.querySelectorAll("section.share[data-share-url]").forEach(function (section) {
    var url = section.getAttribute("data-share-url");
    var title = section.getAttribute("data-share-title");
    var field = section.querySelector(".copy-link input");
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "muted";
    if (navigator.share) {
      var share = button(section.getAttribute("data-label-share") || "Share…");
      share.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
      section.querySelector("h2").after(share);
    }
    if (field && navigator.clipboard) {
      var copy = button(section.getAttribute("data-label-copy") || "Copy link");
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = section.getAttribute("data-label-copied") || "Link copied.";
        });
      });
      field.after(copy);
    }
    section.appendChild(status);
  });
})();
