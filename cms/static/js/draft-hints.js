/* Draft hints: while a member writes, say before they post when the text looks like personal
   data or a crisis. Progressive enhancement: without this script the form works the same, and
   screening on the server decides either way. Nothing typed is stored by the hint endpoint. */
(function () {
  "use strict";
  var DELAY_MS = 700;

  function setUp(form) {
    var endpoint = form.getAttribute("data-draft-hints");
    var body = form.querySelector("textarea[name=body]");
    var title = form.querySelector("input[name=title], input[name=subject]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!endpoint || !body) { return; }
    var region = document.createElement("div");
    region.className = "draft-hints";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    body.parentNode.insertBefore(region, body.nextSibling);
    var timer = null;
    var last = "";

    function render(data) {
      region.textContent = "";
      (data.hints || []).forEach(function (hint) {
        var p = document.createElement("p");
        p.className = "draft-hint draft-hint--" + hint.kind;
        p.textContent = hint.message;
        region.appendChild(p);
      });
      if ((data.help || []).length) {
        var list = document.createElement("ul");
        list.className = "draft-hints__help";
        data.help.forEach(function (line) {
          var item = document.createElement("li");
          var name = document.createElement("strong");
          name.textContent = line.name;
          item.appendChild(name);
          if (line.phone) {
            item.appendChild(document.createTextNode(" "));
            var call = document.createElement("a");
            call.href = "tel:" + line.phone.replace(/\s+/g, "");
            call.textContent = line.phone;
            item.appendChild(call);
          }
          if (line.hours) { item.appendChild(document.createTextNode(" · " + line.hours)); }
          list.appendChild(item);
        });
        region.appendChild(list);
      }
    }

    function ask() {
      var text = body.value;
      var heading = title ? title.value : "";
      var key = heading + "\n" + text;
      if (key === last || text.trim().length < 8) { return; }
      last = key;
      fetch(endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "Accept": "application/json",
          "X-CSRFToken": token ? token.value : ""
        },
        body: JSON.stringify({ body: text, title: heading, private: form.hasAttribute("data-draft-private") })
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (data) { render(data); }
      }).catch(function () { /* hints are a courtesy; the server screens on posting */ });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY_MS);
    }
    body.addEventListener("input", schedule);
    if (title) { title.addEventListener("input", schedule); }
  }

  document.querySelectorAll("form[data-draft-hints]").forEach(setUp);
})();
