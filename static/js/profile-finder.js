// The story form's "Who achieved it": suggestions while typing a name. Without this script the Find
// button does the same on the server; the form works either way.
document.addEventListener("DOMContentLoaded", function () {
  var finder = document.querySelector(".profile-finder[data-find-url]");
  var input = finder && finder.querySelector("input[name=profile_search]");
  if (!input || !window.fetch) { return; }
  var fieldset = finder.closest("fieldset");
  var status = document.createElement("p");
  status.className = "finder-result";
  status.setAttribute("role", "status");
  var suggestions = document.createElement("ul");
  suggestions.className = "finder-suggestions";
  finder.appendChild(suggestions);
  finder.appendChild(status);
  var timer = null, asked = "";

  function choiceList() {
    var list = document.getElementById("profile_ids");
    if (!list) {
      list = document.createElement("ul");
      list.id = "profile_ids";
      list.className = "profile-choices";
      fieldset.insertBefore(list, finder);
    }
    return list;
  }

  function fillDefault(id, value) {
    var select = document.getElementById(id);
    if (select && !select.value && value && select.querySelector("option[value='" + value + "']")) {
      select.value = value;
    }
  }

  function choose(profile) {
    var box = fieldset.querySelector("input[name=profile_ids][value='" + profile.id + "']");
    if (!box) {
      var item = document.createElement("li");
      item.className = "checkbox";
      box = document.createElement("input");
      box.type = "checkbox";
      box.name = "profile_ids";
      box.value = String(profile.id);
      box.id = "profile_ids-found-" + profile.id;
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.textContent = profile.headline ? profile.name + " · " + profile.headline : profile.name;
      item.appendChild(box);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(label);
      choiceList().appendChild(item);
    }
    box.checked = true;
    fillDefault("field", profile.field);
    fillDefault("country_code", profile.country_code);
    fillDefault("municipality", profile.municipality);
    suggestions.textContent = "";
    status.textContent = finder.getAttribute("data-added").replace("{name}", profile.name);
    input.value = "";
    input.focus();
  }

  function show(profiles) {
    suggestions.textContent = "";
    profiles.forEach(function (profile) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = profile.headline ? profile.name + " · " + profile.headline : profile.name;
      button.addEventListener("click", function () { choose(profile); });
      item.appendChild(button);
      suggestions.appendChild(item);
    });
    status.textContent = profiles.length ? finder.getAttribute("data-found").replace("{count}", profiles.length)
      : finder.getAttribute("data-none");
  }

  function ask() {
    var text = input.value.trim();
    if (text.length < 2) { suggestions.textContent = ""; status.textContent = ""; return; }
    asked = text;
    fetch(finder.getAttribute("data-find-url") + "?q=" + encodeURIComponent(text), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : {profiles: []}; })
      .then(function (answer) { if (asked === text) { show(answer.profiles || []); } })
      .catch(function () { /* the Find button still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { suggestions.textContent = ""; status.textContent = ""; }
    if (event.key === "ArrowDown" && suggestions.firstChild) {
      event.preventDefault();
      suggestions.querySelector("button").focus();
    }
  });
});
