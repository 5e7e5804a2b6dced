// kosi's form script: saves each answer as it is typed, says what is wrong as the person types,
// and shows or hides questions as the server says their conditions now hold. The form works
// without it; nothing here decides anything the server does not.
"use strict";
(function () {
  var form = document.querySelector("form[data-section]");
  var summary = document.getElementById("errors");
  if (summary) { summary.focus(); }
  if (!form || !window.fetch) { return; }
  var status = document.getElementById("saved");
  var token = form.querySelector("input[name=token]").value;
  var draft = form.querySelector("input[name=draft]");
  var timers = {};
  var WAIT = 700;  // ms after the last key: with the save, well within 2 s

  function block(key) {
    var blocks = form.querySelectorAll(".q[data-key]");
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].getAttribute("data-key") === key) { return blocks[i]; }
    }
    return null;
  }

  function show(q, shown) {
    q.hidden = !shown;
    var fields = q.querySelectorAll("input, select, textarea, button");
    for (var i = 0; i < fields.length; i++) { fields[i].disabled = !shown; }
  }

  function say(q, messages) {
    var old = q.querySelectorAll(".error");
    for (var i = 0; i < old.length; i++) { old[i].parentNode.removeChild(old[i]); }
    var fields = q.querySelectorAll("input:not([type=hidden]), select, textarea");
    var base = "f-" + q.getAttribute("data-key").replace(/\./g, "-");
    var id = base + "-err";
    for (var j = 0; j < fields.length; j++) {
      var described = (fields[j].getAttribute("aria-describedby") || "").split(" ")
        .filter(function (x) { return x && x.slice(-4) !== "-err"; });
      if (messages.length && j === 0) { described.push(id); }
      if (described.length) { fields[j].setAttribute("aria-describedby", described.join(" ")); }
      else { fields[j].removeAttribute("aria-describedby"); }
      if (messages.length && j === 0) { fields[j].setAttribute("aria-invalid", "true"); }
      else { fields[j].removeAttribute("aria-invalid"); }
    }
    var live = document.getElementById(base + "-live");
    if (!live) {
      live = document.createElement("p");
      live.id = base + "-live";
      live.className = "live";
      live.setAttribute("aria-live", "polite");
      // Before the first option, entry or row as a whole: never inside an option's line.
      var anchor = q.querySelector(".option, .entry, fieldset.row, input:not([type=hidden]), select, textarea");
      if (anchor) { anchor.parentNode.insertBefore(live, anchor); } else { q.appendChild(live); }
    }
    live.textContent = "";
    if (messages.length) {
      var p = document.createElement("span");
      p.className = "error";
      p.id = id;
      p.textContent = messages.map(function (m) { return m[1]; }).join(" ");
      live.appendChild(p);
    }
  }

  function send(key) {
    var q = block(key);
    if (!q || q.hidden) { return; }
    var data = new FormData();
    data.append("token", token);
    if (draft) { data.append("draft", draft.value); }
    data.append("key", key);
    var fields = q.querySelectorAll("input, select, textarea");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (!f.name || f.disabled) { continue; }
      if ((f.type === "radio" || f.type === "checkbox") && !f.checked) { continue; }
      data.append(f.name, f.value);
    }
    fetch("/form/api/answer", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.ok && !r.redirected ? r.json() : Promise.reject(r.status); })
      .then(function (reply) {
        say(q, reply.messages);
        Object.keys(reply.visible).forEach(function (k) {
          var other = block(k);
          if (other && other.hidden === reply.visible[k]) { show(other, reply.visible[k]); }
        });
        if (status) { status.textContent = reply.said; }
        var progress = document.querySelector(".progress");
        if (progress) { progress.textContent = reply.progress; }
        var here = document.querySelector(".sections a[aria-current] + .state");
        if (here) { here.textContent = "(" + reply.state + ")"; }
      })
      .catch(function () {
        // Never leave an earlier "Saved." standing: the person must know to send the page
        // (which saves everything, or shows what was typed when the server forgot this browser).
        if (status) { status.textContent = status.getAttribute("data-unsaved") || ""; }
      });
  }

  function changed(event) {
    var q = event.target.closest ? event.target.closest(".q[data-key]") : null;
    if (!q) { return; }
    var key = q.getAttribute("data-key");
    clearTimeout(timers[key]);
    var wait = event.type === "change" ? 0 : WAIT;
    timers[key] = setTimeout(function () { send(key); }, wait);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
})();
