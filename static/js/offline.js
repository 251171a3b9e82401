/* Progressive enhancement: registers the service worker, and says when the page shown is a
   copy kept on the phone, older than the last change published. The site works without it. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !("caches" in window)) {
    return;
  }
  var status = document.getElementById("offline-status");
  var meta = document.querySelector('meta[name="programme-version"]');
  var pageVersion = meta ? meta.content : "";

  function show(message) {
    if (status) {
      status.textContent = message;
      status.hidden = false;
    }
  }

  function checkCopy() {
    caches.match("/__programme-version").then(function (hit) {
      return hit ? hit.text() : "";
    }).then(function (latest) {
      if (latest && pageVersion && Number(latest) > Number(pageVersion)) {
        show(status.dataset.stale);
      } else if (!navigator.onLine) {
        show(status.dataset.offline);
      }
    });
  }

  navigator.serviceWorker.register(document.documentElement.dataset.serviceWorker || "/sw.js");
  window.addEventListener("load", checkCopy);
  window.addEventListener("offline", checkCopy);
})();
