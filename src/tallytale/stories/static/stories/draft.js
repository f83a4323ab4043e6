// Keeps an unsent story draft on this device so a dropped connection loses nothing.
// No inline scripts (CSP). Files (recordings) cannot be kept; text fields and choices are.
(function () {
  "use strict";
  var store;
  try { store = window.localStorage; store.setItem("tt-probe", "1"); store.removeItem("tt-probe"); }
  catch (e) { return; }

  // On the "saved" page: the server has the story, so forget the draft.
  var saved = document.querySelector("[data-draft-saved]");
  if (saved) { store.removeItem(saved.getAttribute("data-draft-saved")); return; }

  var form = document.querySelector("form[data-draft-key]");
  if (!form) { return; }
  var key = form.getAttribute("data-draft-key");
  var status = form.querySelector("[data-draft-status]");
  var skip = { csrfmiddlewaretoken: true, recording: true };

  // The words come from the page (data-msg-*, translated by the template), so they are in
  // the teller's language, also in the service worker's copy of the page.
  function msg(name, fallback) { return (status && status.getAttribute("data-msg-" + name)) || fallback; }
  function say(text) { if (status) { status.textContent = text; status.hidden = false; } }

  function save() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || skip[el.name] || el.type === "file") { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); }
      } else { data[el.name] = el.value; }
    });
    try { store.setItem(key, JSON.stringify({ at: new Date().toISOString(), data: data })); }
    catch (e) { say(msg("full", "This device is full: the draft could not be kept.")); }
  }

  function restore() {
    var raw = store.getItem(key);
    if (!raw) { return; }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { store.removeItem(key); return; }
    var data = draft.data || {};
    var restored = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data) || skip[el.name] || el.type === "file") { return; }
      var v = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Array.isArray(v) && v.indexOf(el.value) !== -1;
      } else if (!el.value || (el.tagName === "SELECT" && el.value !== v)) { el.value = v; restored = true; }
    });
    if (restored) { say(msg("restored", "An unsent draft from this device has been restored.")); }
  }

  restore();
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (ev) {
    save();
    if (!navigator.onLine) {
      ev.preventDefault();
      say(msg("offline", "No connection: the story is kept on this device and will be sent when you are back online."));
      window.addEventListener("online", function () { form.submit(); }, { once: true });
    }
  });
})();
