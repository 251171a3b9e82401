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
    if (document.getElementById("saved-pages")) {
      return;  // the offline page says itself that nothing is saved for this address
    }
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

  function titleOf(response) {
    return response.text().then(function (html) {
      var found = /<title>([\s\S]*?)<\/title>/.exec(html);
      var holder = document.createElement("textarea");
      holder.innerHTML = found ? found[1].trim() : "";
      return holder.value;
    });
  }

  // On the offline page: the pages this device keeps, each under its own title.
  function listSaved() {
    var list = document.getElementById("saved-pages");
    if (!list) {
      return;
    }
    var shown = Array.prototype.map.call(list.querySelectorAll("a"), function (a) {
      return a.pathname;
    });
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("clunyevent-") === 0;
      }).map(function (name) { return caches.open(name); }));
    }).then(function (stores) {
      stores.forEach(function (store) {
        store.keys().then(function (requests) {
          requests.forEach(function (request) {
            var path = new URL(request.url).pathname;
            if (shown.indexOf(path) !== -1 || path === list.dataset.exclude ||
                path.indexOf("/static/") === 0 || path.indexOf("/__") === 0) {
              return;
            }
            shown.push(path);
            store.match(request).then(titleOf).then(function (title) {
              var item = document.createElement("li");
              var link = document.createElement("a");
              link.href = path;
              link.textContent = title || path;
              item.appendChild(link);
              list.appendChild(item);
            });
          });
        });
      });
    });
  }

  navigator.serviceWorker.register(document.documentElement.dataset.serviceWorker || "/sw.js");
  window.addEventListener("load", checkCopy);
  window.addEventListener("load", listSaved);
  window.addEventListener("offline", checkCopy);
})();
