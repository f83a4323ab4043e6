// Tallytale offline collection: registers the service worker, queues story, survey and
// hours forms in IndexedDB when there is no connection, and syncs them when it returns.
// Each queued item has its own idempotency key, so a retried sync never records twice.
// Without JavaScript every form still posts normally.
(function () {
  "use strict";
  var script = document.currentScript;
  var swUrl = script ? script.getAttribute("data-sw") : null;
  var DB = "tallytale-offline";
  var STORE = "queue";
  var syncing = false;

  function msg(name, fallback) {
    var el = document.querySelector("[data-offline-status]");
    return (el && el.getAttribute("data-msg-" + name)) || fallback;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // --- IndexedDB -------------------------------------------------------------------------
  function open() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var r = indexedDB.open(DB, 1);
      r.onupgradeneeded = function () { r.result.createObjectStore(STORE, { keyPath: "key" }); };
      r.onsuccess = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
    });
  }
  function tx(mode, fn) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var out = fn(t.objectStore(STORE));
        t.oncomplete = function () { db.close(); resolve(out && out.result !== undefined ? out.result : out); };
        t.onerror = function () { db.close(); reject(t.error); };
      });
    });
  }
  function all() { return tx("readonly", function (s) { return s.getAll(); }); }
  function put(item) { return tx("readwrite", function (s) { s.put(item); }); }
  function remove(key) { return tx("readwrite", function (s) { s["delete"](key); }); }

  // --- what the researcher sees ----------------------------------------------------------
  function render() {
    return all().then(function (items) {
      items.sort(function (a, b) { return a.queuedAt < b.queuedAt ? -1 : 1; });
      document.documentElement.setAttribute("data-queue-count", String(items.length));
      var status = document.querySelector("[data-offline-status]");
      if (status) {
        status.hidden = items.length === 0;
        var count = status.querySelector("[data-offline-count]");
        if (count) { count.textContent = msg("waiting", "%s waiting to sync").replace("%s", items.length); }
      }
      var list = document.querySelector("[data-queue-list]");
      if (!list) { return; }
      var empty = document.querySelector("[data-queue-empty]");
      if (empty) { empty.hidden = items.length > 0; }
      var button = document.querySelector("[data-sync-now]");
      if (button) { button.hidden = items.length === 0; }
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var title = document.createElement("strong");
        title.textContent = item.label;
        li.appendChild(title);
        var when = document.createElement("div");
        when.className = "hint";
        when.textContent = msg("kept", "Kept since") + " " + new Date(item.queuedAt).toLocaleString();
        li.appendChild(when);
        if (item.error) {
          var err = document.createElement("p");
          err.className = "bad";
          err.textContent = item.error;
          li.appendChild(err);
          var discard = document.createElement("button");
          discard.type = "button";
          discard.className = "secondary";
          discard.textContent = msg("discard", "Discard");
          discard.addEventListener("click", function () { remove(item.key).then(render); });
          li.appendChild(discard);
        }
        list.appendChild(li);
      });
    }).catch(function () {});
  }

  function note(form, text) {
    var el = form.querySelector("[data-offline-note]") || document.querySelector("[data-draft-status]");
    if (!el) { el = document.createElement("p"); el.setAttribute("role", "status"); el.className = "hint"; form.appendChild(el); }
    el.setAttribute("data-offline-note", "");
    el.textContent = text;
    el.hidden = false;
  }

  // Each field's label as the page shows it (in the member's language), kept with the item so
  // that a refusal met later, on another page, names the field in words, not by its name.
  function fieldLabels(form) {
    var labels = {};
    Array.prototype.forEach.call(form.querySelectorAll("label[for]"), function (l) {
      var el = document.getElementById(l.htmlFor);
      if (el && el.name && !labels[el.name]) { labels[el.name] = l.textContent.replace(/\s+/g, " ").trim(); }
    });
    return labels;
  }

  // --- queueing ---------------------------------------------------------------------------
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.matches || !form.matches("form[data-offline-queue]") || navigator.onLine) { return; }
    // Offline: keep it here. Stop other handlers (e.g. the draft keeper's resubmit on
    // reconnect) so only the queue, with its idempotency key, sends it.
    ev.preventDefault();
    ev.stopImmediatePropagation();
    if (ev.submitter && ev.submitter.name === "add_repeat") { note(form, msg("needsnet", "This needs a connection.")); return; }
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "idempotency_key") { return; }
      if (typeof value !== "string" && (!value || !value.size)) { return; }
      fields.push([name, value]);
    });
    var item = {
      key: uuid(), kind: form.getAttribute("data-offline-queue"), url: form.getAttribute("data-offline-sync"),
      label: form.getAttribute("data-offline-label") || document.title, fields: fields,
      labels: fieldLabels(form), queuedAt: new Date().toISOString(), error: ""
    };
    put(item).then(function () {
      var draft = form.getAttribute("data-draft-key");
      if (draft) { try { localStorage.removeItem(draft); } catch (e) { /* no storage */ } }
      form.reset();
      note(form, msg("queued", "No connection: kept on this device. It will be sent when you are back online."));
      return render();
    }).catch(function () { note(form, msg("full", "This device could not keep it.")); });
  }, true);

  // Once something kept here has reached the server: say so, in place of the stale "kept on
  // this device" note (the words come from the page, in the member's language).
  function announceSent() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-offline-note]"), function (el) { el.hidden = true; });
    var el = document.querySelector("[data-offline-sent]");
    if (!el) { return; }
    el.textContent = msg("sent", "Back online: what was kept on this device has been sent.");
    el.hidden = false;
  }

  // --- syncing ----------------------------------------------------------------------------
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) { return decodeURIComponent(m[1]); }
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(item) {
    var body = new FormData();
    item.fields.forEach(function (f) { body.append(f[0], f[1]); });
    body.append("idempotency_key", item.key);
    return fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" }
    }).then(function (res) {
      if (res.status === 200) { return remove(item.key).then(function () { return true; }); }
      if (res.status === 400) {
        return res.json().then(function (j) {
          var errs = j.errors || {};
          var labels = item.labels || {};
          item.error = msg("invalid", "Could not be saved:") + " " + Object.keys(errs).map(function (k) {
            return labels[k] ? labels[k] + ": " + errs[k] : errs[k];  // "__all__", "form": the words alone
          }).join("; ");
          return put(item);
        });
      }
      if (res.status === 403 || res.type === "opaqueredirect" || res.status === 302) {
        item.error = msg("signin", "Sign in again to send what is waiting.");
        return put(item).then(function () { throw new Error("signed out"); });
      }
      throw new Error("server " + res.status);
    });
  }

  function sync() {
    if (syncing || !navigator.onLine) { return Promise.resolve(); }
    syncing = true;
    var sent = 0;
    return all().then(function (items) {
      var todo = items.filter(function (i) { return !i.error || i.error === msg("signin", "Sign in again to send what is waiting."); });
      return todo.reduce(function (p, item) {
        return p.then(function () { return send(item).then(function (ok) { if (ok) { sent += 1; } }); });
      }, Promise.resolve());
    }).catch(function () { /* still offline or signed out: keep everything */ })
      .then(function () { syncing = false; return render(); })
      .then(function () { if (sent) { announceSent(); } });
  }
  window.tallytaleSync = sync;

  // --- service worker ---------------------------------------------------------------------
  function keepPages(reg) {
    var urls = Array.prototype.map.call(document.querySelectorAll("a[data-offline-url]"), function (a) { return a.href; });
    if (document.querySelector("form[data-offline-queue]")) { urls.push(location.href); }
    var worker = reg.active || navigator.serviceWorker.controller;
    if (!urls.length || !worker) { document.documentElement.setAttribute("data-offline-ready", "1"); return; }
    worker.postMessage({ type: "keep-pages", urls: urls });
  }

  if ("serviceWorker" in navigator && swUrl) {
    navigator.serviceWorker.addEventListener("message", function (ev) {
      if (ev.data && ev.data.type === "pages-kept") {
        document.documentElement.setAttribute("data-offline-ready", "1");
        var t = document.querySelector("[data-offline-ready-text]");
        if (t) { t.hidden = false; }
      }
    });
    navigator.serviceWorker.register(swUrl, { scope: "/" }).catch(function () {});
    navigator.serviceWorker.ready.then(keepPages);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-sync-now]");
    if (button) { button.addEventListener("click", sync); }
    var logout = document.querySelector("form[action$='/logout/']");
    if (logout && navigator.serviceWorker && navigator.serviceWorker.controller) {
      logout.addEventListener("submit", function () { navigator.serviceWorker.controller.postMessage({ type: "forget-pages" }); });
    }
    render().then(sync);
  });
  window.addEventListener("online", sync);
})();
