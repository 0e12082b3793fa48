/* Drafts kept in the browser for slow and broken connections (issue 13: highland communes).

A form marked data-draft="<key>" (and data-draft-version="<the record's version>") keeps what is typed in
localStorage. Submitted while the browser is offline, it is not lost: the page says the draft is kept on this
device and sends it by itself when the connection returns. Opened again later (same record version), the page
puts the unsent draft back. A draft older than the record (someone saved since) is dropped, never restored
over newer data. Without JavaScript, or without localStorage, the form is an ordinary form. */
(function () {
  "use strict";
  var SKIP = /^(csrfmiddlewaretoken|version|.*-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)$/;

  function store() {
    try { var s = window.localStorage; s.setItem("ct05-probe", "1"); s.removeItem("ct05-probe"); return s; }
    catch (e) { return null; }
  }

  function values(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP.test(el.name) || el.type === "submit" || el.type === "button" || el.type === "file") return;
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) out[el.name + "=" + el.value] = true; return; }
      out[el.name] = el.value;
    });
    return out;
  }

  function restore(form, saved) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP.test(el.name) || el.type === "submit" || el.type === "button" || el.type === "file") return;
      if (el.type === "checkbox" || el.type === "radio") { el.checked = !!saved[el.name + "=" + el.value]; return; }
      if (Object.prototype.hasOwnProperty.call(saved, el.name)) el.value = saved[el.name];
    });
  }

  function notice(form, text) {
    var p = form.querySelector(".draft-notice");
    if (!p) {
      p = document.createElement("p");
      p.className = "msg draft-notice";
      p.setAttribute("role", "status");
      form.insertBefore(p, form.firstChild);
    }
    p.textContent = text;
  }

  function send(form, submitter) {
    var button = submitter && form.querySelector('button[name="then"][value="' + submitter + '"]');
    if (button) form.requestSubmit(button); else form.requestSubmit();
  }

  function setUp(form, s) {
    var key = "ct05-draft:" + form.dataset.draft;
    var version = form.dataset.draftVersion || "";
    var raw = s.getItem(key), draft = null;
    try { draft = raw ? JSON.parse(raw) : null; } catch (e) { draft = null; }
    if (draft && draft.version !== version) { s.removeItem(key); draft = null; }
    if (draft && !draft.sent) {
      restore(form, draft.values);
      notice(form, form.dataset.draftRestored);
    }
    var save = function (extra) {
      var d = { version: version, values: values(form), at: Date.now() };
      for (var k in extra || {}) d[k] = extra[k];
      s.setItem(key, JSON.stringify(d));
    };
    form.addEventListener("input", function () { save(); });
    form.addEventListener("change", function () { save(); });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter && event.submitter.name === "then" ? event.submitter.value : "";
      if (navigator.onLine === false) {
        event.preventDefault();
        save({ queued: true, submitter: submitter });
        notice(form, form.dataset.draftOffline);
        return;
      }
      save({ sent: true });
    });
    var queued = function () { var d = JSON.parse(s.getItem(key) || "null"); return d && d.queued ? d : null; };
    window.addEventListener("online", function () {
      var d = queued();
      if (d) { notice(form, form.dataset.draftSending); send(form, d.submitter); }
    });
    if (draft && draft.queued && navigator.onLine !== false) {
      notice(form, form.dataset.draftSending);
      send(form, draft.submitter);
    }
  }

  function init() {
    var s = store();
    if (!s) return;
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (f) { setUp(f, s); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
