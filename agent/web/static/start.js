// The start page: pick a scenario, a budget and a mode; see past sessions and their scores.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => { const n = document.createElement(tag); if (text !== undefined) n.textContent = text; if (cls) n.className = cls; return n; };
  let scenarios = [], selected = null;

  async function load() {
    const [sc, ss, info] = await Promise.all([fetch("/api/scenarios"), fetch("/api/sessions"), fetch("/api/info")]);
    scenarios = await sc.json();
    if (!(await info.json()).voice) {
      const radio = document.querySelector('input[name="mode"][value="voice"]');
      radio.disabled = true;
      radio.parentElement.title = "This server runs without speech models (hotseat serve --no-voice, or they failed to load)";
      radio.parentElement.append(" (off)");
    }
    selected = scenarios.length ? scenarios[0].id : null;
    renderScenarios();
    renderSessions(await ss.json());
    document.body.dataset.ready = "1";
  }

  function matches(s, q) {
    if (!q) return true;
    const hay = [s.id, s.title, s.difficulty, ...(s.tags || []), s.seed ? "seed" : ""].join(" ").toLowerCase();
    return q.toLowerCase().split(/\s+/).every((w) => hay.includes(w));
  }

  function renderScenarios() {
    const q = $("search").value.trim();
    const shown = scenarios.filter((s) => matches(s, q));
    if (shown.length && !shown.some((s) => s.id === selected)) selected = shown[0].id;
    $("scenario-list").replaceChildren(...shown.map((s) => {
      const li = el("li");
      li.dataset.id = s.id; li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(s.id === selected));
      li.append(el("span", s.title, "title"));
      if (s.seed) li.append(el("span", "seed", "badge seed"));
      li.append(el("span", s.difficulty, "badge " + s.difficulty));
      li.addEventListener("click", () => { selected = s.id; renderScenarios(); });
      li.addEventListener("dblclick", start);
      return li;
    }));
    const current = $("scenario-list").querySelector('li[aria-selected="true"]');
    if (current) current.scrollIntoView({ block: "nearest" });
    if (!shown.length) $("scenario-list").append(el("li", "No scenario matches.", "empty"));
    $("start-button").disabled = !shown.length;
  }

  function renderSessions(list) {
    const body = $("sessions");
    if (!list.length) { body.replaceChildren(Object.assign(el("tr"), { innerHTML: '<td colspan="4" class="empty">No sessions yet.</td>' })); return; }
    body.replaceChildren(...list.map((s) => {
      const tr = el("tr");
      tr.dataset.id = s.id;
      const when = s.started_at ? new Date(s.started_at).toLocaleString() : s.id;
      const outOf = Object.keys(s.scores).length * 10;
      const score = s.total === null ? (s.status === "finished" ? "—" : "in progress") : `${s.total} / ${outOf}`;
      const links = el("td");
      const report = el("a", "report"); report.href = `/report/${encodeURIComponent(s.id)}`; links.append(report);
      // unscored and not ended on purpose: a closed tab, a stopped server, Ctrl-C
      if (s.total === null && !["completed", "error"].includes(s.end_reason)) {
        const r = el("a", " resume"); r.href = `/interview/${encodeURIComponent(s.interview)}`; r.className = "resume"; links.append(r);
      }
      tr.append(el("td", when), el("td", s.scenario), el("td", score), links);
      return tr;
    }));
    renderTrends(list);
  }

  function renderTrends(list) {
    const scored = list.filter((s) => s.total !== null).reverse();
    if (scored.length < 2) { $("trends").replaceChildren(); return; }
    const dims = Object.keys(scored[scored.length - 1].scores);
    $("trends").replaceChildren(...dims.map((d) => {
      const values = scored.map((s) => s.scores[d]).filter((v) => typeof v === "number");
      const w = 110, h = 30, step = w / Math.max(1, values.length - 1);
      const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 3 - (h - 6) * Math.max(0, Math.min(1, v / 10))).toFixed(1)}`).join(" ");
      const fig = el("figure");
      fig.innerHTML = `<svg width="${w}" height="${h}" role="img"><polyline fill="none" stroke="#2c3e50" stroke-width="2" points="${pts}"/></svg>`;
      fig.append(el("figcaption", d.replace(/_/g, " ")));
      return fig;
    }));
  }

  async function start() {
    if (!selected) return;
    $("start-button").disabled = true;
    $("start-error").textContent = "";
    const mode = document.querySelector('input[name="mode"]:checked').value;
    const res = await fetch("/api/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ scenario: selected, minutes: Number($("minutes").value), mode }),
    });
    const data = await res.json().catch(() => ({ error: "the server did not answer" }));
    if (!res.ok) { $("start-error").textContent = data.error || "could not start"; $("start-button").disabled = false; return; }
    location.href = data.url;
  }

  $("search").addEventListener("input", renderScenarios);
  $("start-button").addEventListener("click", start);
  load().catch((e) => { $("start-error").textContent = "could not load: " + e; });
})();
