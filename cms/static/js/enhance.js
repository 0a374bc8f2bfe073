/* Progressive enhancement around htmx (js/vendor/htmx.min.js). Every button works without scripts
   as a plain form post and redirect; with them, htmx swaps in the piece of the page the server sends.
   This file only does what htmx's attributes cannot without eval (which the CSP forbids):
   - a refusal (400/403/404) the server marked for the alert region (HX-Retarget) is shown there;
   - any other failure, or no connection, says so in the alert region instead of doing nothing;
   - a response that came from a redirect (a session that ended, staff's second log-in step) is
     never swapped into a button: an action follows it as a full page load, a poll ignores it;
   - when the button that had focus is gone after a swap (e.g. "Mark as read"), focus moves to the
     element the new piece marks with data-focus-after-swap, never back to the top of the page. */
(function () {
  "use strict";
  if (!window.htmx) { return; }
  var alertRegion = document.getElementById("action-status");

  function sayFailed() {
    if (alertRegion) {
      var p = document.createElement("p");
      p.className = "message message--error action-status__message";
      p.textContent = alertRegion.getAttribute("data-failed") || "";
      alertRegion.textContent = "";
      alertRegion.appendChild(p);
    }
  }

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    // A new action clears the last refusal (polls of the unread count do not).
    if (alertRegion && !isGet(event)) {
      alertRegion.textContent = "";
    }
  });

  function isGet(event) {
    return !event.detail.requestConfig || event.detail.requestConfig.verb === "get";
  }

  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var info = event.detail.pathInfo || {};
    if (info.responsePath && info.finalRequestPath) {
      var asked = new URL(info.finalRequestPath, window.location.href).pathname;
      var got = new URL(info.responsePath, window.location.href).pathname;
      if (asked !== got) {
        event.detail.shouldSwap = false;
        if (!isGet(event)) { window.location.assign(info.responsePath); }
        return;
      }
    }
    if (xhr.status < 400) { return; }
    if (xhr.getResponseHeader("HX-Retarget")) {
      event.detail.shouldSwap = true;  // the server's refusal, written for the alert region
      event.detail.isError = false;
    } else if (!isGet(event)) {
      sayFailed();  // e.g. an expired form token: never swap an error page into a button
    }
  });

  document.body.addEventListener("htmx:sendError", function (event) {
    if (!isGet(event)) { sayFailed(); }
  });

  document.body.addEventListener("htmx:afterSettle", function () {
    var target = document.querySelector("[data-focus-after-swap]");
    if (!target) { return; }
    target.removeAttribute("data-focus-after-swap");
    var active = document.activeElement;
    if (!active || active === document.body || !document.body.contains(active)) {
      target.focus();
    }
  });
})();
