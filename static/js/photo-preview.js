// Shows the chosen image before upload. The form works the same without this script.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[type=file][data-preview]").forEach(function (input) {
    var box = document.getElementById(input.getAttribute("data-preview"));
    var image = box && box.querySelector("img");
    if (!image || !window.FileReader) { return; }
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      box.hidden = true;
      if (!file || !/^image\/(jpeg|png|webp|gif)$/.test(file.type)) { return; }
      var reader = new FileReader();
      reader.onload = function () { image.src = reader.result; box.hidden = false; };
      reader.readAsDataURL(file);
    });
  });
});
