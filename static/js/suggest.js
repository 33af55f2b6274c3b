// Live suggestions for text filters: an input with data-suggest and list="<datalist id>"
// whose datalist carries data-suggest-url. The page works without this script; it only
// fills the datalist while the user types.
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !list.dataset.suggestUrl) return;
    var timer = null, last = "";
    input.addEventListener("input", function () {
      var term = input.value.trim();
      if (term.length < 2 || term === last) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = term;
        var url = list.dataset.suggestUrl;
        url += (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (items) {
            list.replaceChildren.apply(list, items.map(function (item) {
              var option = document.createElement("option");
              option.value = item.value;
              return option;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
