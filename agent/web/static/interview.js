// The interview page. The server holds the session: this page shows what it is sent, sends
// typed turns and button presses, and in voice mode streams the microphone and plays replies.
// A reload or a dropped connection reconnects to the same session and redraws everything.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => { const n = document.createElement(tag); if (text !== undefined) n.textContent = text; if (cls) n.className = cls; return n; };
  const sessionId = decodeURIComponent(location.pathname.split("/").pop());
  const state = { items: [], phase: "", total: 0, elapsed: 0, syncedAt: 0, ended: false, busy: false, mode: "text", connected: false, errors: [] };
  const audio = { received: 0, chunks: 0, firstAt: 0, ctx: null, next: 0, sources: [], stops: 0, peak: 0,
    sent: 0, sendLog: [], pending: null, latencies: [], turns: [] };
  window.hotseat = state; window.hotseatAudio = audio; // for the browser tests and the console

  let ws = null, retry = 400;
  function connect() {
    const proto = location.protocol === "https:" ? "wss" : "ws";
    ws = new WebSocket(`${proto}://${location.host}/ws/${encodeURIComponent(sessionId)}`);
    ws.binaryType = "arraybuffer";
    setConn("connecting", "connecting…");
    ws.onopen = () => { retry = 400; state.connected = true; setConn("live", "live"); };
    ws.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) { playAudio(event.data); return; }
      let msg; try { msg = JSON.parse(event.data); } catch { return; }
      receive(msg);
    };
    ws.onclose = (event) => {
      state.connected = false;
      if (event.code === 1008) { setConn("offline", event.reason || "refused"); return; }
      setConn("offline", "offline: reconnecting…");
      setTimeout(connect, retry); retry = Math.min(retry * 2, 5000);
    };
  }
  function send(msg) { if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(msg)); return true; } return false; }
  function setConn(kind, text) { const c = $("conn"); c.dataset.state = kind; c.textContent = text; }

  function receive(msg) {
    if (msg.type === "state") {
      state.items = msg.items; state.mode = msg.mode;
      $("title").textContent = msg.scenario.title;
      document.title = `Hotseat · ${msg.scenario.title}`;
      const frame = $("board-frame");
      if (!frame.getAttribute("src")) frame.src = msg.board_url;
      status(msg); renderAll();
      if (msg.mode === "voice") { showVoice(); listening = msg.listening; }
      document.body.dataset.session = msg.session;
    } else if (msg.type === "item") {
      state.items[msg.item.index] = msg.item; renderItem(msg.item);
    } else if (msg.type === "phase") {
      state.phase = msg.phase; renderStatus();
    } else if (msg.type === "busy") {
      state.busy = msg.busy; renderStatus();
    } else if (msg.type === "status") {
      status(msg);
    } else if (msg.type === "voice") {
      voiceEvent(msg);
    } else if (msg.type === "error") {
      state.errors.push(msg.message); $("busy").textContent = msg.message;
    }
  }

  function status(msg) {
    state.phase = msg.phase; state.total = msg.total; state.elapsed = msg.elapsed; state.syncedAt = performance.now();
    state.busy = msg.busy; state.ended = msg.ended;
    if (msg.ended) {
      $("ended").hidden = false; $("composer").hidden = true; $("voice-bar").hidden = true;
      $("report-link").href = msg.report;
      const dims = Object.values(msg.scores || {});
      $("final-score").textContent = dims.length ? `Score ${dims.reduce((a, b) => a + b, 0)} / ${dims.length * 10}.` : "";
      stopVoice();
    }
    renderStatus();
  }

  function renderStatus() {
    $("phase").textContent = (state.phase || "").replace(/_/g, " ");
    $("busy").textContent = state.busy ? "The interviewer is thinking…" : "";
    document.body.dataset.busy = state.busy ? "1" : "0";
    document.body.dataset.ended = state.ended ? "1" : "0";
    for (const id of ["send", "minute", "end"]) $(id).disabled = state.ended;
    tick();
  }

  function tick() {
    if (!state.total) return;
    const used = state.elapsed + (state.ended ? 0 : (performance.now() - state.syncedAt) / 1000);
    const left = Math.max(0, state.total - used);
    const m = Math.floor(left / 60), s = Math.floor(left % 60);
    $("clock").textContent = `${m}:${String(s).padStart(2, "0")} left`;
    $("clock").classList.toggle("low", left < 120);
  }
  setInterval(tick, 1000);

  function renderAll() { $("transcript").replaceChildren(); state.items.forEach(renderItem); }

  function renderItem(item) {
    const list = $("transcript");
    let li = list.querySelector(`li[data-index="${item.index}"]`);
    const fresh = !li;
    if (fresh) { li = el("li"); li.dataset.index = String(item.index); }
    li.className = item.speaker;
    li.replaceChildren(el("span", item.speaker === "candidate" ? "You" : "Interviewer", "who"), el("span", item.text, "text"));
    if (item.component_ids.length) {
      const about = el("span", "About: " + (item.component_labels || item.component_ids).join(", "), "about");
      about.dataset.components = item.component_ids.join(",");
      li.append(about);
    }
    if (item.chips.length) {
      const chips = el("div", undefined, "chips");
      for (const c of item.chips) {
        const chip = el("span", `${c.stated || c.quote}: ${c.verdict}`, "chip " + c.verdict);
        chip.dataset.verdict = c.verdict; chip.title = c.explanation;
        chips.append(chip);
      }
      li.append(chips);
    }
    if (fresh) {
      const after = [...list.children].find((n) => Number(n.dataset.index) > item.index);
      list.insertBefore(li, after || null);
      list.scrollTop = list.scrollHeight;
    }
  }

  // ---- text turns and buttons --------------------------------------------------------------
  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("say").value.trim();
    if (!text || state.ended) return;
    if (send({ type: "turn", text })) $("say").value = "";
  });
  $("say").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("composer").requestSubmit(); }
  });
  $("minute").addEventListener("click", () => send({ type: "minute" }));
  $("end").addEventListener("click", () => { if (confirm("End the interview and get your scores?")) send({ type: "end" }); });

  // ---- voice: microphone in (AudioWorklet, 16 kHz PCM), interviewer audio out -------------------
  // One page is the microphone and the speaker (the server says which: the tab opened last);
  // another tab on the same session shows the conversation without capturing or playing.
  let mic = null, listening = false, micHere = false;
  function showVoice() {
    $("voice-bar").hidden = false; $("mute").hidden = false;
    if (!mic) $("mic-state").textContent = "the interviewer is opening…";
  }
  async function setupVoice() {
    if (mic || state.ended || !listening || !micHere) return;
    const own = mic = { muted: false };
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 } });
      own.stream = stream;
      if (mic !== own) { stream.getTracks().forEach((t) => t.stop()); return; } // moved away meanwhile
      const ctx = new AudioContext({ sampleRate: 16000 });
      await ctx.audioWorklet.addModule("/static/mic-worklet.js");
      const source = ctx.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(ctx, "pcm16-capture", { processorOptions: { frame: 320 } });
      node.port.onmessage = (e) => {
        const { pcm, level } = e.data;
        $("level").firstElementChild.style.width = Math.min(100, level * 300) + "%";
        // muted: silence keeps the server's audio clock in step with the page's
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(own.muted ? new ArrayBuffer(pcm.byteLength) : pcm);
        audio.sent += pcm.byteLength / 2;
        audio.sendLog.push([audio.sent, performance.now()]);
        if (audio.sendLog.length > 6000) audio.sendLog.splice(0, 1000);
      };
      own.ctx = ctx; own.node = node;
      if (mic !== own) { stream.getTracks().forEach((t) => t.stop()); ctx.close(); return; }
      source.connect(node);
      $("mic-state").textContent = "listening";
      document.body.dataset.mic = "on";
    } catch (err) {
      $("mic-state").textContent = "no microphone: " + err.message + " (type instead)";
      document.body.dataset.mic = "error";
    }
  }
  function stopVoice(why) {
    if (!mic) return;
    if (mic.stream) mic.stream.getTracks().forEach((t) => t.stop());
    if (mic.ctx) mic.ctx.close();
    mic = null;
    $("mic-state").textContent = why || "microphone off";
    document.body.dataset.mic = "off";
  }
  function silence() {
    for (const s of audio.sources) { try { s.stop(); } catch {} }
    audio.sources = []; audio.next = 0;
  }
  $("mute").addEventListener("click", () => {
    if (!mic) return;
    mic.muted = !mic.muted;
    $("mute").setAttribute("aria-pressed", String(mic.muted));
    $("mute").textContent = mic.muted ? "Unmute" : "Mute";
    $("mic-state").textContent = mic.muted ? "muted" : "listening";
    send({ type: "mute", muted: mic.muted });
  });

  function playAudio(buffer) {
    // [uint32 sample rate][int16 PCM...]: one piece of one sentence of the interviewer's reply
    const rate = new DataView(buffer).getUint32(0, true);
    const pcm = new Int16Array(buffer, 4);
    const now = performance.now();
    if (!audio.firstAt) audio.firstAt = now;
    if (audio.pending !== null) { audio.latencies.push(now - audio.pending); audio.pending = null; }
    audio.received += pcm.length; audio.chunks += 1;
    for (let i = 0; i < pcm.length; i++) audio.peak = Math.max(audio.peak, Math.abs(pcm[i]));
    if (!audio.ctx) audio.ctx = new AudioContext();
    const ctx = audio.ctx;
    const buf = ctx.createBuffer(1, pcm.length, rate);
    const ch = buf.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) ch[i] = pcm[i] / 32768;
    const src = ctx.createBufferSource();
    src.buffer = buf; src.connect(ctx.destination);
    const at = Math.max(ctx.currentTime + 0.02, audio.next);
    src.start(at); audio.next = at + buf.duration;
    audio.sources.push(src);
    src.onended = () => { audio.sources = audio.sources.filter((s) => s !== src); };
  }

  function voiceEvent(msg) {
    if (msg.event === "stop") { // barge-in: silence the interviewer now
      silence(); audio.stops += 1;
    } else if (msg.event === "microphone") {
      micHere = msg.here; document.body.dataset.micHere = micHere ? "1" : "0";
      if (micHere) setupVoice();
      else { silence(); stopVoice(); $("mic-state").textContent = "the microphone and speaker are in another tab"; }
    } else if (msg.event === "answering") {
      (audio.answerMs = audio.answerMs || []).push(msg.after_commit_ms);
    } else if (msg.event === "listening") {
      listening = true; setupVoice();
    } else if (msg.event === "thinking") { // "give me a minute": the interviewer waits quietly
      audio.thinking = (audio.thinking || 0) + 1;
      document.body.dataset.thinking = "1";
      if (mic && !mic.muted) $("mic-state").textContent = "take your time: the interviewer waits up to a minute";
    } else if (msg.event === "turn") {
      // when did the page send the turn's last speech sample? that is "end of speech" here
      const hit = audio.sendLog.find(([n]) => n >= msg.speech_end_sample);
      audio.pending = hit ? hit[1] : null;
      audio.turns.push(msg.text);
      document.body.dataset.thinking = "0";
      if (mic && !mic.muted) $("mic-state").textContent = "listening";
      (audio.commitMs = audio.commitMs || []).push(msg.commit_ms);
    }
  }

  connect();
})();
