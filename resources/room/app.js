/* The phone page of Facilitator's room: send ideas and dot-votes to the facilitator's laptop.
 *
 * Plain JavaScript, no framework, nothing fetched from outside the laptop. The page is served over plain
 * http on the local network, so it is not a secure context: ids come from crypto.getRandomValues
 * (crypto.randomUUID is not available there).
 *
 * Every submission gets its id here and waits in localStorage (the outbox) until the laptop answers, so a
 * retry never makes a duplicate (the server answers 200 for a repeat id) and nothing typed is lost while
 * the laptop is out of reach. Live updates come by Server-Sent Events; when the phone wakes up
 * (visibilitychange, pageshow) the page reconnects and takes a full snapshot, because iOS closes sockets
 * of a sleeping phone. All text from the laptop is shown with textContent: plain text, never markup.
 */
"use strict";

(function () {
  var base = location.pathname.replace(/[^/]*$/, "");
  var code = base.split("/").filter(Boolean).pop() || "";
  var KEY = "facilitator.room." + code + ".";
  var PHONE_KEY = "facilitator.phone";
  var NOTE_CHARS = 280;

  var state = null; // the latest state from the laptop
  var offset = 0; // laptop clock minus phone clock, in seconds
  var source = null; // the EventSource
  var flushing = false;
  var retryTimer = null;
  var retryDelay = 2000;
  var reconnectTimer = null;
  var online = false;

  function $(id) { return document.getElementById(id); }

  function randomId(prefix) {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 256).toString(16).slice(1);
    return prefix + "-" + hex;
  }

  function load(name, fallback) {
    try {
      var raw = localStorage.getItem(KEY + name);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function save(name, value) {
    try { localStorage.setItem(KEY + name, JSON.stringify(value)); } catch (e) { /* storage full or off */ }
  }

  var phone = null;
  try { phone = localStorage.getItem(PHONE_KEY); } catch (e) { phone = null; }
  if (!phone || !/^[A-Za-z0-9_-]{8,64}$/.test(phone)) {
    phone = randomId("p");
    try { localStorage.setItem(PHONE_KEY, phone); } catch (e) { /* works for this visit only */ }
  }

  // -- the clock: time left is computed from the laptop's end time, never counted down --------------
  function laptopNow() { return Date.now() / 1000 + offset; }

  function formatSeconds(seconds) {
    seconds = Math.max(0, Math.ceil(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? (m < 10 ? "0" + m : "" + m) : "" + m;
    return (h ? h + ":" : "") + mm + ":" + (s < 10 ? "0" + s : s);
  }

  function renderTime() {
    var el = $("time-left");
    var item = state && state.item;
    if (!item || (item.ends_at == null && item.remaining == null)) {
      el.hidden = true;
      return;
    }
    var left = item.ends_at != null ? item.ends_at - laptopNow() : item.remaining;
    el.hidden = false;
    if (left <= 0) {
      el.textContent = "Time is up";
    } else if (item.ends_at == null) {
      el.textContent = "Paused, " + formatSeconds(left) + " left";
    } else {
      el.textContent = formatSeconds(left) + " left";
    }
    el.className = "time" + (left < 60 ? " low" : "");
  }

  // -- showing the state ---------------------------------------------------------------------------
  function setStatus(text, isOnline) {
    online = isOnline;
    var el = $("status");
    if (el.textContent !== text) el.textContent = text;
    el.className = "status" + (isOnline ? "" : " offline");
  }

  function applyState(next) {
    if (!next) return;
    if (typeof next.now === "number") offset = next.now - Date.now() / 1000;
    if (state && state.voting && next.voting && next.voting.used == null &&
        state.voting.round === next.voting.round) {
      next.voting.used = state.voting.used;
    }
    state = next;
    render();
  }

  function render() {
    if (!state) return;
    $("event-title").textContent = (state.event && state.event.title) || "Facilitator";
    $("room-code").textContent = state.room ? state.room.code : code;
    var item = state.item;
    $("item-title").textContent = item ? item.title : "Waiting for the facilitator";
    var q = $("item-question");
    q.textContent = item && item.question ? item.question : "";
    q.hidden = !(item && item.question);
    renderTime();
    renderGroups();
    renderVoting();
    var max = (state.room && state.room.note_chars) || NOTE_CHARS;
    if (max !== NOTE_CHARS) { NOTE_CHARS = max; $("note-text").maxLength = max; updateCount(); }
  }

  function renderGroups() {
    var select = $("note-group");
    var groups = state.groups || [];
    var current = Array.prototype.slice.call(select.options, 1).map(function (o) { return o.value; });
    if (current.join("\n") === groups.join("\n")) return;
    var chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    groups.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    });
    select.value = groups.indexOf(chosen) >= 0 ? chosen : (load("group", "") || "");
    if (select.value !== chosen && groups.indexOf(select.value) < 0) select.value = "";
  }

  function pendingDots(round) {
    // Dots waiting to go count as spent; dots waiting to be taken back count as free.
    return load("outbox", []).reduce(function (n, e) {
      if (e.round !== round) return n;
      return n + (e.kind === "dot" ? 1 : e.kind === "undot" ? -1 : 0);
    }, 0);
  }

  function myDotIds(round, target) {
    var all = load("dotIds", {});
    return (all[round] || {})[target] || [];
  }

  function keepDotId(round, target, id, add) {
    var all = load("dotIds", {});
    var byTarget = all[round] || {};
    var ids = (byTarget[target] || []).filter(function (x) { return x !== id; });
    if (add) ids.push(id);
    byTarget[target] = ids;
    all[round] = byTarget;
    save("dotIds", all);
  }

  function renderVoting() {
    var section = $("voting");
    var voting = state.voting;
    if (!voting) { section.hidden = true; return; }
    section.hidden = false;
    var mine = load("dots", {});
    var myRound = mine[voting.round] || {};
    var used = Math.max(0, (voting.used || 0) + pendingDots(voting.round));
    var left = Math.max(0, voting.dots_per_person - used);
    $("vote-heading").textContent = voting.name ? "Vote: " + voting.name : "Vote";
    $("vote-budget").textContent = left ? "You have " + left + " of " + voting.dots_per_person + " dots left." :
      "You have used all your dots.";
    var list = $("vote-targets");
    var targets = voting.targets || [];
    while (list.firstChild) list.removeChild(list.firstChild);
    targets.forEach(function (target) {
      var li = document.createElement("li");
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = target.text;
      var count = myRound[target.id] || 0;
      if (count) {
        var dots = document.createElement("span");
        dots.className = "mine";
        dots.textContent = count === 1 ? "1 of your dots" : count + " of your dots";
        text.appendChild(dots);
      }
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Add a dot";
      button.setAttribute("aria-label", "Add a dot to: " + target.text);
      button.disabled = left <= 0;
      button.addEventListener("click", function () { vote(voting.round, target.id); });
      li.appendChild(text);
      var actions = document.createElement("span");
      actions.className = "actions";
      actions.appendChild(button);
      if (count && myDotIds(voting.round, target.id).length) {
        var back = document.createElement("button");
        back.type = "button";
        back.className = "secondary";
        back.textContent = "Take a dot back";
        back.setAttribute("aria-label", "Take a dot back from: " + target.text);
        back.addEventListener("click", function () { unvote(voting.round, target.id); });
        actions.appendChild(back);
      }
      li.appendChild(actions);
      list.appendChild(li);
    });
    if (!targets.length) {
      var empty = document.createElement("li");
      empty.textContent = "Nothing to vote on yet.";
      list.appendChild(empty);
    }
  }

  function renderSent() {
    var sent = load("sent", []);
    var list = $("sent-list");
    while (list.firstChild) list.removeChild(list.firstChild);
    $("sent-empty").hidden = sent.length > 0;
    sent.slice().reverse().forEach(function (entry) {
      var li = document.createElement("li");
      li.textContent = entry.text;
      var status = document.createElement("span");
      status.className = "state " + entry.status;
      var who = entry.name ? entry.name + (entry.group ? ", " + entry.group : "") : (entry.group || "anonymous");
      status.textContent = (entry.status === "sent" ? "Sent" : entry.status === "refused" ?
        "Not taken: " + (entry.reason || "refused") : "Waiting to send") + " · " + who;
      li.appendChild(status);
      list.appendChild(li);
    });
  }

  // -- sending: everything goes through the outbox -----------------------------------------------------
  function enqueue(entry) {
    var outbox = load("outbox", []);
    outbox.push(entry);
    save("outbox", outbox);
    flush();
  }

  function finish(entry, status, reason) {
    var outbox = load("outbox", []).filter(function (e) { return e.body.id !== entry.body.id; });
    save("outbox", outbox);
    if (entry.kind === "note") {
      var sent = load("sent", []);
      sent.forEach(function (s) {
        if (s.id === entry.body.id) { s.status = status; if (reason) s.reason = reason; }
      });
      save("sent", sent);
      renderSent();
    } else if (entry.kind === "dot" && status === "refused") {
      var mine = load("dots", {});
      var round = mine[entry.round] || {};
      if (round[entry.body.target]) round[entry.body.target] -= 1;
      mine[entry.round] = round;
      save("dots", mine);
      keepDotId(entry.round, entry.body.target, entry.body.id, false);
    }
  }

  function post(path, body) {
    return fetch(base + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
    });
  }

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  function flush() {
    if (flushing) return;
    var outbox = load("outbox", []);
    if (!outbox.length) return;
    flushing = true;
    var entry = outbox[0];
    var path = entry.kind === "note" ? "notes" : entry.kind === "undot" ? "dots/remove" : "dots";
    post(path, entry.body).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        flushing = false;
        if (response.status === 200 || response.status === 201) {
          retryDelay = 2000;
          finish(entry, "sent");
          if (entry.kind !== "note" && state && state.voting && state.voting.round === entry.round) {
            state.voting.used = answer.used;
          }
          if (entry.kind === "note") feedback("Sent. Thank you!", "ok");
          render();
          flush();
        } else if (response.status === 429 || response.status >= 500) {
          scheduleRetry();
        } else {
          finish(entry, "refused", answer.error);
          feedback(answer.error || "The laptop did not take that.", "bad");
          refreshState();
          flush();
        }
      });
    }, function () {
      flushing = false;
      setStatus("Not connected. What you send waits on this phone and goes when the laptop is back.", false);
      scheduleRetry();
    });
  }

  function feedback(text, kind) {
    var el = $("note-feedback");
    el.textContent = text;
    el.className = "feedback " + kind;
  }

  function vote(round, target) {
    var mine = load("dots", {});
    var counts = mine[round] || {};
    counts[target] = (counts[target] || 0) + 1;
    mine[round] = counts;
    save("dots", mine);
    var id = randomId("d");
    keepDotId(round, target, id, true);
    enqueue({ kind: "dot", round: round, body: { id: id, voter: phone, target: target } });
    render();
  }

  // Take back this phone's newest dot on ``target`` (only its own: the laptop refuses any other).
  function unvote(round, target) {
    var ids = myDotIds(round, target);
    if (!ids.length) return;
    var id = ids[ids.length - 1];
    keepDotId(round, target, id, false);
    var mine = load("dots", {});
    var counts = mine[round] || {};
    if (counts[target]) counts[target] -= 1;
    mine[round] = counts;
    save("dots", mine);
    enqueue({ kind: "undot", round: round, body: { id: id, voter: phone } });
    render();
  }

  function updateCount() {
    $("note-count").textContent = $("note-text").value.length + " of " + NOTE_CHARS + " characters";
  }

  function setAnonymous(on) {
    $("note-name").disabled = on;
    $("note-group").disabled = on;
    $("who").setAttribute("aria-disabled", on ? "true" : "false");
  }

  $("note-text").addEventListener("input", updateCount);
  $("anonymous").addEventListener("change", function (e) {
    setAnonymous(e.target.checked);
    save("anonymous", e.target.checked);
  });

  $("note-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("note-text").value.trim();
    if (!text) {
      feedback("Write your idea first.", "bad");
      $("note-text").focus();
      return;
    }
    var anonymous = $("anonymous").checked;
    var name = anonymous ? "" : $("note-name").value.trim();
    var group = anonymous ? "" : $("note-group").value;
    save("name", $("note-name").value.trim());
    save("group", $("note-group").value);
    var body = { id: randomId("n"), text: text, name: name, group: group, phone: phone };
    var sent = load("sent", []);
    sent.push({ id: body.id, text: text, name: name, group: group, status: "waiting", at: Date.now() });
    save("sent", sent);
    $("note-text").value = "";
    updateCount();
    feedback(online ? "Sending…" : "Saved on this phone. It goes when the laptop is back.", "ok");
    renderSent();
    enqueue({ kind: "note", body: body });
  });

  // -- live updates -------------------------------------------------------------------------------
  function refreshState() {
    return fetch(base + "state?phone=" + encodeURIComponent(phone), { cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (response.status === 404) {
          setStatus("This room is closed. Scan the code on the screen again.", false);
          return null;
        }
        return response.json();
      })
      .then(function (next) {
        if (next) { applyState(next); flush(); }
      }, function () {
        setStatus("Not connected. What you send waits on this phone and goes when the laptop is back.", false);
      });
  }

  function connect() {
    if (source) source.close();
    clearTimeout(reconnectTimer);
    source = new EventSource(base + "events?phone=" + encodeURIComponent(phone));
    source.addEventListener("open", function () {
      setStatus("Connected to the room.", true);
      retryDelay = 2000;
      flush();
    });
    source.addEventListener("state", function (event) {
      try { applyState(JSON.parse(event.data)); } catch (e) { /* a broken message: the next one will do */ }
      if (!online) setStatus("Connected to the room.", true);
    });
    source.addEventListener("error", function () {
      setStatus("Not connected. What you send waits on this phone and goes when the laptop is back.", false);
      if (source.readyState === 2) { // CLOSED: the browser gave up; try again ourselves
        reconnectTimer = setTimeout(wake, 3000);
      }
    });
  }

  function wake() {
    connect();
    refreshState();
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") wake();
  });
  window.addEventListener("pageshow", function (event) { if (event.persisted) wake(); });
  window.addEventListener("online", function () { flush(); wake(); });
  setInterval(renderTime, 1000);

  // -- start ----------------------------------------------------------------------------------------
  $("room-code").textContent = code;
  $("note-name").value = load("name", "") || "";
  $("anonymous").checked = !!load("anonymous", false);
  setAnonymous($("anonymous").checked);
  updateCount();
  renderSent();
  wake();
})();
