// Rolesite live reload, injected by the development server (never written to
// the site): reloads the page after a rebuild that changed it or a file it
// loaded (an image or stylesheet of the static folder, say), and shows the
// build error in an overlay while the build fails.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }

  // A page's path as the server names it: "/a/b/" for "/a/b/index.html".
  function normalize(p) {
    p = String(p).replace(/index\.html$/, "");
    try {
      return decodeURI(p);
    } catch (e) {
      return p;
    }
  }

  var here = normalize(location.pathname);

  // loadedHere reports whether this page loaded the file at site path p
  // from its own server, as the browser's resource timing lists them.
  function loadedHere(p) {
    var perf = window.performance;
    if (!perf || typeof perf.getEntriesByType !== "function") {
      return false;
    }
    var entries = perf.getEntriesByType("resource") || [];
    for (var i = 0; i < entries.length; i++) {
      var u;
      try {
        u = new URL(entries[i].name, location.href);
      } catch (e) {
        continue;
      }
      if (u.origin === location.origin && normalize(u.pathname) === normalize(p)) {
        return true;
      }
    }
    return false;
  }
  var failing = false;
  var opened = false;
  var overlay = null;
  var title = null;
  var message = null;
  var source = new EventSource("/_rolesite/events");

  source.addEventListener("open", function () {
    // A second open is a reconnect: the server restarted, or dropped this
    // page for falling behind. Either way a rebuild may have been missed.
    if (opened) {
      location.reload();
      return;
    }
    opened = true;
  });

  source.addEventListener("reload", function (e) {
    var paths = [];
    try {
      paths = JSON.parse(e.data) || [];
    } catch (err) {
      paths = [];
    }
    // After a failed build the next good one clears the overlay.
    if (failing || paths.length === 0) {
      location.reload();
      return;
    }
    for (var i = 0; i < paths.length; i++) {
      if (normalize(paths[i]) === here || loadedHere(paths[i])) {
        location.reload();
        return;
      }
    }
  });

  source.addEventListener("fail", function (e) {
    var data = null;
    try {
      data = JSON.parse(e.data);
    } catch (err) {
      data = String(e.data);
    }
    if (!data || typeof data !== "object") {
      data = { title: "", text: String(data) };
    }
    failing = true;
    show(String(data.title || "Build failed: the page shows the last good build."), String(data.text || ""));
  });

  // show puts the title and error text in a fixed overlay, as text: never
  // as markup.
  function show(heading, text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "rolesite-build-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483647;" +
        "overflow:auto;margin:0;padding:24px;box-sizing:border-box;" +
        "background:rgba(24,24,27,0.96);color:#fecaca;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;";
      title = document.createElement("div");
      title.style.cssText = "font-weight:bold;font-size:16px;margin-bottom:12px;color:#fff;";
      message = document.createElement("pre");
      message.style.cssText = "margin:0;white-space:pre-wrap;word-break:break-word;";
      overlay.appendChild(title);
      overlay.appendChild(message);
      (document.body || document.documentElement).appendChild(overlay);
    }
    title.textContent = heading;
    message.textContent = text;
  }
})();
