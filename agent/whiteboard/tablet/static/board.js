// Hotseat tablet board. The server holds the board: this page sends strokes and edits, and
// redraws from every snapshot it gets back, so a reload or a dropped connection loses nothing.
"use strict";
(() => {
  const token = new URLSearchParams(location.search).get("token") || "";
  const canvas = document.getElementById("board");
  const ctx = canvas.getContext("2d");
  const $ = (id) => document.getElementById(id);
  const HOLD_MS = 350;   // press this long on a box to pick it up and move it
  const SLOP = 6;        // px of movement that turns a tap into a stroke or a drag
  const NEAR_BOX = 36;   // px: a tap this close beside a box (its name next to an icon) edits that box

  const state = {
    board: { components: [], edges: [] }, findings: [], question: null, revision: -1,
    connected: false, selected: null, spotlight: [], ink: new Map(), acks: [],
  };
  window.hotseat = state; // for the browser test and for debugging from the console

  // ---- the connection -----------------------------------------------------------------------
  let ws = null, seq = 0, retry = 400;
  const outbox = [];

  function connect() {
    const proto = location.protocol === "https:" ? "wss" : "ws";
    // relative to the page, so the board also works mounted under a path (hotseat serve)
    const base = location.pathname.replace(/[^/]*$/, "");
    ws = new WebSocket(`${proto}://${location.host}${base}ws?token=${encodeURIComponent(token)}`);
    setStatus("connecting", "connecting…");
    ws.onopen = () => { retry = 400; state.connected = true; setStatus("live", "live"); flush(); };
    ws.onmessage = (event) => {
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      receive(msg);
    };
    ws.onclose = () => {
      state.connected = false;
      setStatus("offline", "offline: reconnecting…");
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  function send(msg) {
    msg.seq = ++seq;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
    else if (outbox.length < 200) outbox.push(msg); // drawn while offline: sent on reconnect
    return msg.seq;
  }

  function flush() {
    while (outbox.length && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(outbox.shift()));
  }

  function receive(msg) {
    if (msg.type === "snapshot") {
      state.board = msg.board;
      state.findings = msg.findings || [];
      state.question = msg.question;
      state.revision = msg.revision;
      document.body.dataset.revision = String(msg.revision);
      if (state.selected && !findSelected()) closeEditor();
      renderSide();
      render();
    } else if (msg.type === "ack" || msg.type === "error") {
      state.ink.delete(msg.seq);
      state.acks.push(msg);
      if (msg.message) toast(msg.message, msg.type === "error");
      render();
    } else if (msg.type === "question") {
      state.question = msg;
      renderSide();
      render();
    }
  }

  function setStatus(kind, text) { const el = $("status"); el.dataset.state = kind; el.textContent = text; }

  let toastTimer = 0;
  function toast(text, isError) {
    const el = $("toast");
    el.textContent = text;
    el.className = "show" + (isError ? " error" : "");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.className = ""; }, 2600);
  }

  // ---- geometry -----------------------------------------------------------------------------
  const comps = () => state.board.components || [];
  const byId = (id) => comps().find((c) => c.id === id);
  const hasBox = (c) => c.x !== null && c.y !== null && c.w !== null && c.h !== null;

  function pos(e) { const r = canvas.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; }

  function hitComponent(p) {
    let best = null;
    for (const c of comps()) {
      if (!hasBox(c)) continue;
      if (p.x >= c.x && p.x <= c.x + c.w && p.y >= c.y && p.y <= c.y + c.h) {
        if (!best || c.w * c.h < best.w * best.h) best = c;
      }
    }
    return best;
  }

  function segDistToBox(p, c) {
    const dx = Math.max(c.x - p.x, 0, p.x - (c.x + c.w)), dy = Math.max(c.y - p.y, 0, p.y - (c.y + c.h));
    return Math.hypot(dx, dy);
  }

  function nearComponent(p, reach) { // the nearest box whose outline is within `reach`
    let best = null, bestD = reach;
    for (const c of comps()) {
      if (!hasBox(c)) continue;
      const d = segDistToBox(p, c);
      if (d <= bestD) { bestD = d; best = c; }
    }
    return best;
  }

  function edgeEnds(e) {
    const a = byId(e.source), b = byId(e.target);
    if (!a || !b || !hasBox(a) || !hasBox(b)) return null;
    const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 }, cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
    return [clip(ca, cb, a), clip(cb, ca, b)];
  }

  function clip(from, to, c) { // where the segment from the box centre towards `to` leaves the box
    const dx = to.x - from.x, dy = to.y - from.y;
    const sx = dx ? (c.w / 2) / Math.abs(dx) : Infinity, sy = dy ? (c.h / 2) / Math.abs(dy) : Infinity;
    const s = Math.min(sx, sy, 1);
    return { x: from.x + dx * s, y: from.y + dy * s };
  }

  function hitEdge(p) {
    let best = null, bestD = 14;
    for (const e of state.board.edges || []) {
      const ends = edgeEnds(e);
      if (!ends) continue;
      const d = segDist(p, ends[0], ends[1]);
      if (d < bestD) { bestD = d; best = e; }
    }
    return best;
  }

  function segDist(p, a, b) {
    const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
  }

  // ---- pointer input: pen, touch and mouse alike ----------------------------------------------
  let gesture = null;

  canvas.addEventListener("pointerdown", (e) => {
    if (gesture) return; // one pointer at a time; a resting palm is ignored
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    const p = pos(e);
    const box = hitComponent(p);
    gesture = { id: e.pointerId, start: p, points: [[p.x, p.y, e.timeStamp, e.pressure]], box, mode: "undecided" };
    if (box) {
      gesture.hold = setTimeout(() => {
        if (gesture && gesture.mode === "undecided") { gesture.mode = "drag"; gesture.orig = { x: box.x, y: box.y }; render(); }
      }, HOLD_MS);
    } else {
      gesture.mode = "ink";
    }
  });

  canvas.addEventListener("pointermove", (e) => {
    if (!gesture || e.pointerId !== gesture.id) return;
    e.preventDefault();
    const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of events.length ? events : [e]) {
      const p = pos(ev);
      gesture.points.push([p.x, p.y, ev.timeStamp, ev.pressure]);
    }
    const p = pos(e);
    const moved = Math.hypot(p.x - gesture.start.x, p.y - gesture.start.y) > SLOP;
    if (gesture.mode === "undecided" && moved) { gesture.mode = "ink"; clearTimeout(gesture.hold); }
    if (gesture.mode === "drag") {
      gesture.box.x = gesture.orig.x + p.x - gesture.start.x;
      gesture.box.y = gesture.orig.y + p.y - gesture.start.y;
    }
    render();
  });

  function endGesture(e, cancelled) {
    if (!gesture || e.pointerId !== gesture.id) return;
    const g = gesture;
    gesture = null;
    clearTimeout(g.hold);
    const p = pos(e);
    const moved = Math.hypot(p.x - g.start.x, p.y - g.start.y) > SLOP;
    if (cancelled) { if (g.mode === "drag") { g.box.x = g.orig.x; g.box.y = g.orig.y; } render(); return; }
    if (g.mode === "drag") {
      if (moved) send({ type: "move", id: g.box.id, x: Math.round(g.box.x), y: Math.round(g.box.y) });
      else openEditor({ component: g.box.id });
    } else if (g.mode === "undecided" || (g.mode === "ink" && !moved && pathLength(g.points) < 3 * SLOP)) {
      if (g.box) openEditor({ component: g.box.id });
      else {
        // A tap just beside a box (an icon's name is written next to it) labels that box.
        const edge = hitEdge(p), near = nearComponent(p, NEAR_BOX);
        if (near && (!edge || segDistToBox(p, near) < 8)) openEditor({ component: near.id });
        else if (edge) openEditor({ edge: edge.id }); else closeEditor();
      }
    } else {
      const n = send({ type: "stroke", points: g.points.map(roundPoint) });
      state.ink.set(n, g.points);
    }
    render();
  }
  canvas.addEventListener("pointerup", (e) => endGesture(e, false));
  canvas.addEventListener("pointercancel", (e) => endGesture(e, true));

  const roundPoint = ([x, y, t, pr]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10, Math.round(t), pr === undefined ? 0.5 : Math.round(pr * 100) / 100];
  function pathLength(pts) { let s = 0; for (let i = 1; i < pts.length; i++) s += Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]); return s; }

  // ---- the label / note editor: a real <input>, so Scribble and on-screen keyboards work -----
  const editor = $("editor"), labelInput = $("label-input"), noteInput = $("note-input");

  function findSelected() {
    const s = state.selected;
    if (!s) return null;
    return s.component ? byId(s.component) : (state.board.edges || []).find((e) => e.id === s.edge);
  }

  function openEditor(sel) {
    state.selected = sel;
    const item = findSelected();
    if (!item) return closeEditor();
    labelInput.value = item.label || "";
    $("label-caption").textContent = sel.component ? "Label" : "Arrow label";
    const isBox = Boolean(sel.component);
    noteInput.hidden = $("note-caption").hidden = !isBox;
    noteInput.value = "";
    $("notes").replaceChildren(...(isBox ? item.notes : []).map((n) => el("li", n)));
    editor.hidden = false;
    const r = canvas.getBoundingClientRect();
    const anchor = isBox && hasBox(item) ? { x: item.x + item.w, y: item.y } : { x: 20, y: 20 };
    editor.style.left = Math.max(8, Math.min(window.innerWidth - editor.offsetWidth - 8, r.left + anchor.x + 8)) + "px";
    editor.style.top = Math.max(8, Math.min(window.innerHeight - editor.offsetHeight - 8, r.top + anchor.y)) + "px";
    labelInput.focus();
    render();
  }

  function closeEditor() { editor.hidden = true; state.selected = null; render(); }

  editor.addEventListener("submit", (e) => {
    e.preventDefault();
    const item = findSelected();
    if (!item) return closeEditor();
    const label = labelInput.value.trim(), note = noteInput.value.trim();
    if (state.selected.component) {
      if (label !== (item.label || "")) send({ type: "update_component", id: item.id, label });
      if (note) send({ type: "add_note", id: item.id, text: note });
    } else if (label !== (item.label || "")) {
      send({ type: "update_edge", id: item.id, label });
    }
    closeEditor();
  });
  $("delete").addEventListener("click", () => {
    const item = findSelected();
    if (item) send({ type: "remove", id: item.id });
    closeEditor();
  });
  $("close").addEventListener("click", closeEditor);

  // ---- drawing --------------------------------------------------------------------------------
  function resize() {
    const dpr = window.devicePixelRatio || 1, r = canvas.getBoundingClientRect();
    canvas.width = Math.round(r.width * dpr);
    canvas.height = Math.round(r.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    render();
  }
  window.addEventListener("resize", resize);

  function highlighted() { return new Set([...(state.question ? state.question.component_ids : []), ...state.spotlight]); }

  function render() {
    const r = canvas.getBoundingClientRect();
    ctx.clearRect(0, 0, r.width, r.height);
    const hot = highlighted();
    const sel = state.selected || {};
    for (const e of state.board.edges || []) drawEdge(e, sel.edge === e.id);
    for (const c of comps()) if (hasBox(c)) drawComponent(c, hot.has(c.id), sel.component === c.id);
    ctx.strokeStyle = "rgba(60,70,80,.45)"; ctx.lineWidth = 2.5; ctx.lineCap = ctx.lineJoin = "round";
    for (const pts of state.ink.values()) strokePath(pts);
    if (gesture && gesture.mode !== "drag") { ctx.strokeStyle = "#1d232b"; strokePath(gesture.points); }
  }

  function strokePath(pts) {
    if (pts.length < 2) return;
    ctx.beginPath(); ctx.moveTo(pts[0][0], pts[0][1]);
    for (const p of pts) ctx.lineTo(p[0], p[1]);
    ctx.stroke();
  }

  function drawComponent(c, hot, selected) {
    ctx.save();
    ctx.lineWidth = hot ? 4 : selected ? 3 : 2;
    ctx.strokeStyle = hot ? "#e08e00" : selected ? "#2a6fdb" : "#1d232b";
    ctx.fillStyle = hot ? "#fff4dc" : "#ffffff";
    if (hot) { ctx.shadowColor = "rgba(242,177,52,.8)"; ctx.shadowBlur = 14; }
    const { x, y, w, h } = c;
    ctx.beginPath();
    if (c.shape === "ellipse") ctx.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, 0, 0, 2 * Math.PI);
    else if (c.shape === "cylinder") cylinder(x, y, w, h);
    else roundRect(x, y, w, h, Math.min(10, w / 4, h / 4));
    ctx.fill(); ctx.stroke();
    if (c.shape === "cylinder") { const ry = Math.min(h * 0.15, 14); ctx.beginPath(); ctx.ellipse(x + w / 2, y + ry, w / 2, ry, 0, 0, Math.PI); ctx.stroke(); }
    ctx.shadowBlur = 0;
    ctx.fillStyle = "#1d232b"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    const cx = x + w / 2, cy = y + h / 2;
    if (c.label) { ctx.font = "600 15px system-ui, sans-serif"; ctx.fillText(c.label, cx, cy - 7, w - 8); }
    else { ctx.font = "italic 13px system-ui, sans-serif"; ctx.fillStyle = "#8a8f96"; ctx.fillText("tap to name", cx, cy - 7, w - 8); }
    ctx.font = "11px system-ui, sans-serif"; ctx.fillStyle = "#59616b";
    ctx.fillText(c.kind.replace(/_/g, " "), cx, cy + 10, w - 8);
    if (c.notes.length) { ctx.fillStyle = "#7a5a00"; ctx.fillText(c.notes.join(" · "), cx, y + h + 10, Math.max(w, 160)); }
    ctx.restore();
  }

  function roundRect(x, y, w, h, r) {
    ctx.moveTo(x + r, y); ctx.arcTo(x + w, y, x + w, y + h, r); ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r); ctx.arcTo(x, y, x + w, y, r); ctx.closePath();
  }

  function cylinder(x, y, w, h) {
    const ry = Math.min(h * 0.15, 14);
    ctx.ellipse(x + w / 2, y + ry, w / 2, ry, 0, Math.PI, 0);
    ctx.lineTo(x + w, y + h - ry);
    ctx.ellipse(x + w / 2, y + h - ry, w / 2, ry, 0, 0, Math.PI);
    ctx.closePath();
  }

  function drawEdge(e, selected) {
    const ends = edgeEnds(e);
    if (!ends) return;
    const [a, b] = ends;
    ctx.save();
    ctx.strokeStyle = selected ? "#2a6fdb" : "#3a414a"; ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = selected ? 3 : 2;
    if (e.mode === "async") ctx.setLineDash([8, 6]);
    ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
    ctx.setLineDash([]);
    head(a, b);
    if (e.bidirectional) head(b, a);
    if (e.label) {
      ctx.font = "12px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.fillStyle = "#3a414a";
      ctx.fillText(e.label, (a.x + b.x) / 2, (a.y + b.y) / 2 - 8);
    }
    ctx.restore();
  }

  function head(from, to) {
    const ang = Math.atan2(to.y - from.y, to.x - from.x), s = 12;
    ctx.beginPath(); ctx.moveTo(to.x, to.y);
    ctx.lineTo(to.x - s * Math.cos(ang - 0.45), to.y - s * Math.sin(ang - 0.45));
    ctx.lineTo(to.x - s * Math.cos(ang + 0.45), to.y - s * Math.sin(ang + 0.45));
    ctx.closePath(); ctx.fill();
  }

  // ---- side panel: the question, findings and the component list ------------------------------
  function el(tag, text, cls) { const n = document.createElement(tag); if (text !== undefined) n.textContent = text; if (cls) n.className = cls; return n; }

  function renderSide() {
    const q = $("question");
    q.hidden = !(state.question && state.question.text);
    q.textContent = state.question ? state.question.text : "";
    $("findings").replaceChildren(...state.findings.map((f) => {
      const li = el("li", undefined, f.severity);
      li.dataset.code = f.code;
      li.append(el("span", f.code, "code"), el("span", f.question));
      li.addEventListener("click", () => { state.spotlight = f.components; render(); setTimeout(() => { state.spotlight = []; render(); }, 2500); });
      return li;
    }));
    $("components").replaceChildren(...comps().map((c) => {
      const li = el("li");
      li.dataset.id = c.id; li.dataset.kind = c.kind;
      li.append(el("span", c.label || "(unnamed)", "label"), el("span", " " + c.kind.replace(/_/g, " "), "kind"));
      return li;
    }));
  }

  resize();
  connect();
})();
