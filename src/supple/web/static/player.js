// The guided session player. Timing runs on deadlines taken from performance.now():
// each step ends when the clock passes its deadline, never after a count of interval
// ticks, so it cannot drift however long the session or however late a timer fires.
// Each step goes into an outbox on the device as soon as it ends and is sent from there;
// a reload asks the server where to carry on (and the outbox what is still to send), so
// closing the tab or losing the connection loses at most the step that was running.
"use strict";
(function () {
  const root = document.getElementById("player");
  if (!root) return;
  const sessionId = root.dataset.session;
  const params = new URLSearchParams(window.location.search);
  // ?speed=N plays N times faster (demos and tests); limited to a sane range.
  const speed = Math.min(Math.max(Number(params.get("speed")) || 1, 0.1), 1000);
  const $ = (id) => document.getElementById(id);
  const el = {
    position: $("position-text"), now: $("now"), side: $("side"), count: $("count"),
    countLabel: $("count-label"), say: $("say"), next: $("next"), bar: $("ring-bar"),
    progress: $("session-progress"), go: $("go"), back: $("back"), pause: $("pause"),
    skip: $("skip"), quit: $("quit"), stop: $("stop"), stopped: $("stopped-note"),
    figure: $("figure"), sound: $("sound"), speech: $("speech"), status: $("status"),
    reps: $("reps"), repCount: $("rep-count"), tempo: $("tempo"), big: $("big-screen"), awake: $("awake"),
    awakeVideo: $("awake-video"),
    painStop: $("pain-stop"), painQuestion: $("pain-stop-question"), painEasing: $("pain-easing"),
    painChoices: $("pain-choices"), painCountField: $("pain-count-field"), painCount: $("pain-count"),
    painCountLabel: $("pain-count-label"),
  };
  const TEMPO_WORDS = { up: "Up", hold: "Hold", down: "Down" };
  const TEMPO_PITCH = { up: 740, hold: 600, down: 440 };
  // The one pain-stop rule (supple.player.pain_stop), served by the page as data: what a
  // stop records and what happens next are looked up here, never decided in this script.
  const painRule = JSON.parse(root.dataset.painStop || "{}");
  const PAIN_STEP_KIND = { ready: "get_ready", transition: "transition" };
  const PAUSED_WORDS = { paused: "Paused", pain: "Paused for pain" };
  const KIND = {
    ready: "Get ready", warmup: "Warm-up", hold: "Hold", reps: "Repetitions",
    switch: "Switch sides", rest: "Rest", transition: "Change position",
  };
  const RING = 2 * Math.PI * 52;
  el.bar.style.strokeDasharray = String(RING);
  el.bar.style.strokeDashoffset = "0";

  let steps = [];
  let names = {};
  // Versioned drawing addresses from the page ("exercise-side" to URL); the browser keeps them.
  const figureUrls = JSON.parse(root.dataset.figureUrls || "{}");
  let totalSeconds = 0;
  let index = 0;
  let state = "loading"; // loading | ready | running | paused | pain | finished
  let painEasing = null;  // during a pain stop: the person's answer, true or false
  let deadline = 0;      // performance.now() at which the current step ends
  let remainingMs = 0;   // kept while paused
  let segmentStart = 0;  // when the current running stretch began
  let activeMs = 0;      // running time of the current step before this stretch
  let timer = null;
  let lastWhole = null;
  let lastBeat = null;   // "rep:phase" last shown, so each part of a rep is cued once
  let audio = null;
  let wakeLock = null;

  function nameOf(step) {
    return step && step.exercise ? (names[step.exercise] || step.exercise) : "";
  }

  function title(step) {
    if (step.kind === "ready" || step.kind === "transition") {
      return nameOf(step) ? "Get ready: " + nameOf(step) : KIND[step.kind];
    }
    if (step.kind === "switch") return "Switch sides";
    if (step.kind === "rest") return "Rest";
    // The easier version the plan chose for now is what the person does: say so.
    return nameOf(step) + (step.variant ? ": easier version, " + step.variant : "");
  }

  function secondsBefore(i) {
    let sum = 0;
    for (let k = 0; k < i && k < steps.length; k += 1) sum += steps[k].seconds;
    return sum;
  }

  function show(leftMs) {
    const step = steps[index];
    const leftSeconds = Math.max(0, leftMs * speed / 1000);
    const whole = Math.ceil(leftSeconds - 1e-9);
    const shown = whole >= 60
      ? Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0")
      : String(whole);
    el.count.textContent = shown;
    el.count.dataset.length = String(shown.length); // player.css sizes "2:00" smaller than "15"
    const fraction = step.seconds > 0 ? leftSeconds / step.seconds : 0;
    el.bar.style.strokeDashoffset = String(RING * (1 - fraction));
    const done = secondsBefore(index) + (step.seconds - leftSeconds);
    const percent = totalSeconds ? Math.round((100 * done) / totalSeconds) : 0;
    el.progress.value = percent;
    el.progress.textContent = percent + "%";
    if (state === "running" && whole !== lastWhole && whole >= 1 && whole <= 3) beep(660, 0.08);
    lastWhole = whole;
    showReps(step, step.seconds - leftSeconds);
  }

  // Where in its block of reps a step is: which rep, and which part of it (up, hold, down).
  function repBeat(step, elapsed) {
    const tempo = step.tempo;
    const perRep = tempo.up + tempo.hold + tempo.down;
    if (!(perRep > 0)) return null;
    const done = Math.floor(elapsed / perRep + 1e-9);
    if (done >= step.reps) return { rep: step.reps, phase: null };
    const into = elapsed - done * perRep;
    let phase = "down";
    if (into < tempo.up) phase = "up";
    else if (into < tempo.up + tempo.hold) phase = "hold";
    return { rep: done + 1, phase: phase };
  }

  function showReps(step, elapsed) {
    const beat = step.kind === "reps" && step.tempo && step.reps ? repBeat(step, elapsed) : null;
    el.reps.hidden = !beat;
    if (!beat) { lastBeat = null; return; }
    el.repCount.textContent = "Rep " + beat.rep + " of " + step.reps;
    el.tempo.textContent = beat.phase ? TEMPO_WORDS[beat.phase] : "Done";
    const key = beat.rep + ":" + beat.phase;
    if (state === "running" && key !== lastBeat && beat.phase) {
      beep(TEMPO_PITCH[beat.phase], 0.06);
      // The step's own cue is spoken first; a tempo word never cuts it off.
      if (lastBeat !== null) speakQuietly(TEMPO_WORDS[beat.phase]);
    }
    lastBeat = key;
  }

  // Which exercise of the session a step belongs to (1-based), and how many there are:
  // people count exercises, not the timeline's steps.
  function exerciseNumber(i) {
    const seen = [];
    let number = 0;
    for (let k = 0; k < steps.length; k += 1) {
      const key = steps[k].exercise;
      if (key && !seen.includes(key)) seen.push(key);
      if (k === i) number = key ? seen.indexOf(key) + 1 : seen.length;
    }
    return { number: Math.max(number, 1), of: Math.max(seen.length, 1) };
  }

  // What comes next in words: the next part of this exercise, or the next exercise by
  // name ("Next: rest, then Brisk walk again"), never the same name twice in a row.
  function nextLine() {
    const step = steps[index];
    const after = steps[index + 1];
    if (!after) return "Next: finish and rate the session";
    const sideOf = (s) => (s.side ? ", " + s.side + " side" : "");
    if (after.kind === "rest" || after.kind === "switch") {
      const then = steps[index + 2];
      const first = after.kind === "rest" ? "rest" : "switch sides";
      if (!then) return "Next: " + first + ", then finish";
      const again = then.exercise === step.exercise && step.kind !== "ready" && step.kind !== "transition";
      return "Next: " + first + ", then " + (nameOf(then) || KIND[then.kind]) + (again ? " again" : "") + sideOf(then);
    }
    if (after.exercise && after.exercise === step.exercise) {
      return "Next: " + KIND[after.kind].toLowerCase() + sideOf(after);
    }
    return "Next: " + (nameOf(after) || KIND[after.kind]) + sideOf(after);
  }

  function render() {
    const step = steps[index];
    const place = exerciseNumber(index);
    el.position.textContent = "Exercise " + place.number + " of " + place.of + " · " + KIND[step.kind];
    el.position.dataset.step = String(index + 1); // for tests and tools: the timeline's step
    el.now.textContent = title(step);
    el.side.textContent = step.side ? (step.side === "left" ? "Left side" : "Right side") : "";
    el.say.textContent = step.say;
    showFigure(step);
    el.next.textContent = nextLine();
    el.countLabel.textContent = step.seconds + " seconds";
    el.back.disabled = index === 0;
    show(step.seconds * 1000 / speed);
  }

  // The drawing of the exercise being done (or coming next), on the side being worked.
  function showFigure(step) {
    if (root.dataset.figures !== "yes" || !step.exercise || !names[step.exercise]) {
      el.figure.hidden = true;
      return;
    }
    const side = step.side || "left";
    // Keyed as the page keys them (pages_session.figure_key): exercise, chosen variant, side.
    const key = step.exercise + "|" + (step.variant || "") + "|" + side;
    const src = figureUrls[key] || figureUrls[step.exercise + "||" + side] ||
      "/figures/" + step.exercise + "-" + side + ".svg";
    if (el.figure.getAttribute("src") !== src) {
      el.figure.src = src;
      el.figure.alt = names[step.exercise] + (step.variant ? " (" + step.variant + ")" : "") +
        (step.side ? ", " + step.side + " side" : "");
    }
    el.figure.hidden = false;
  }

  function setButtons() {
    const live = state === "running" || state === "paused";
    for (const button of [el.pause, el.skip, el.quit]) button.disabled = !live;
    // "Sharp pain" is never greyed out while a session is on screen, not even before Start.
    el.stop.disabled = !(live || state === "ready");
    el.back.disabled = !live || index === 0;
    el.pause.textContent = state === "paused" ? "Resume" : "Pause";
    el.pause.setAttribute("aria-pressed", state === "paused" ? "true" : "false");
    // Before the start only Start (with the pain stop and End beside it) is shown; after
    // it, through a pain stop and to the end, the same buttons keep their places.
    const before = state === "loading" || state === "ready";
    el.go.hidden = !before;
    for (const button of [el.back, el.pause, el.skip]) button.hidden = before;
  }

  // Big screen: huge timer, drawing and count for a laptop or TV across the room.
  function setBig(on) {
    root.classList.toggle("big", on);
    el.big.setAttribute("aria-pressed", on ? "true" : "false");
    try { window.localStorage.setItem("supple.bigScreen", on ? "yes" : "no"); } catch (error) { /* private mode */ }
  }

  // --- sound, speech and the screen ------------------------------------------------
  function beep(frequency, seconds) {
    if (!audio || !el.sound.checked) return;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    const t = audio.currentTime;
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + seconds);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + seconds + 0.02);
  }

  // A short word (the tempo) only when nothing else is being said.
  function speakQuietly(text) {
    if ("speechSynthesis" in window && window.speechSynthesis.speaking) return;
    speak(text);
  }

  function speak(text) {
    if (!el.speech.checked || !("speechSynthesis" in window) || !text) return;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  }

  // Wake Lock exists only in secure contexts (loopback, or the https LAN address). Where
  // it is missing (plain http on the LAN) or refused (battery saver), the page plays a
  // tiny silent looping video from its own files instead: phones keep the screen on
  // while a video plays. The note says which is in use, or how to keep the screen on
  // by hand when neither works.
  const AWAKE_NOTES = {
    video: "This address has no screen wake lock, so Supple plays a tiny silent video to keep the screen on. If the screen still dims, set a longer screen timeout on this device for the session, or open Supple at its https address.",
    none: "This address cannot keep the screen on by itself: set a longer screen timeout on this device for the session, or open Supple at its https address.",
  };

  function showAwakeNote(which) {
    el.awake.textContent = AWAKE_NOTES[which];
    el.awake.hidden = false;
  }

  function playAwakeVideo() {
    const video = el.awakeVideo;
    if (!video || !video.canPlayType || !video.canPlayType("video/webm")) { showAwakeNote("none"); return; }
    video.muted = true;
    showAwakeNote("video");
    const playing = video.play();
    if (playing && playing.catch) playing.catch(() => showAwakeNote("none"));
  }

  async function keepScreenOn() {
    if (wakeLock) return;
    if (!window.isSecureContext || !("wakeLock" in navigator)) { playAwakeVideo(); return; }
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
      if (el.awakeVideo) el.awakeVideo.pause();
      el.awake.hidden = true;
    } catch (error) {
      wakeLock = null; // refused (battery saver, hidden tab): the session still runs
      if (document.visibilityState === "visible") playAwakeVideo();
    }
  }

  function letScreenSleep() {
    if (wakeLock) wakeLock.release().catch(() => {});
    wakeLock = null;
    if (el.awakeVideo) el.awakeVideo.pause();
  }

  // --- talking to the server: the outbox ----------------------------------------------
  // A finished step is written to the outbox (localStorage) before it is sent and leaves
  // it only once the server has answered, one at a time and in order. A dropped
  // connection, a server that is away or a closed tab loses nothing; sending a step
  // again duplicates nothing, as the server answers an identical repeat with the event
  // it stored.
  const OUTBOX = "supple.outbox." + sessionId;
  const RETRY_MS = 2000;
  let storage = null;
  try { storage = window.localStorage; } catch (error) { storage = null; }
  let memoryOutbox = [];
  let flushing = null;
  let retryTimer = null;
  let wasOffline = false;

  function loadOutbox() {
    if (!storage) return memoryOutbox.slice();
    try { return JSON.parse(storage.getItem(OUTBOX) || "[]"); } catch (error) { return memoryOutbox.slice(); }
  }

  function saveOutbox(items) {
    memoryOutbox = items.slice();
    if (!storage) return;
    try {
      if (items.length) storage.setItem(OUTBOX, JSON.stringify(items));
      else storage.removeItem(OUTBOX);
    } catch (error) { /* storage full or refused: the copy in memory still goes out */ }
  }

  // "sent" (stored, or refused for good), or "retry" (no connection, server away or failing).
  // A pain-stop mark ({painStop: ...}) travels in the same queue, in order with the steps.
  async function post(body) {
    try {
      const url = "/api/sessions/" + sessionId + (body.painStop ? "/pain-stop" : "/steps");
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body.painStop || body),
        credentials: "same-origin",
      });
      if (response.ok) return "sent";
      if (response.status < 500) {
        el.status.textContent = "A step could not be saved (" + response.status + ").";
        return "refused";
      }
    } catch (error) { /* no connection: kept for later */ }
    return "retry";
  }

  function flush() {
    if (flushing) return flushing;
    flushing = (async () => {
      let refused = false;
      for (;;) {
        const items = loadOutbox();
        if (!items.length) {
          // A save that lands while paused must not wipe the "Paused" the person sees.
          if (wasOffline) el.status.textContent = "Back online: every step is saved.";
          else if (!refused) el.status.textContent = PAUSED_WORDS[state] || "";
          wasOffline = false;
          return true;
        }
        const outcome = await post(items[0]);
        if (outcome === "retry") {
          wasOffline = true;
          // Once the session has ended, the finish's own note says what is waiting.
          if (state !== "finished") el.status.textContent = "No connection: " + items.length + (items.length === 1 ? " step is" : " steps are") +
            " kept on this device and sent when Supple answers again.";
          if (!retryTimer) retryTimer = setTimeout(() => { retryTimer = null; flush(); }, RETRY_MS);
          return false;
        }
        refused = refused || outcome === "refused";
        saveOutbox(loadOutbox().slice(1)); // new steps are only ever added at the end
      }
    })().finally(() => { flushing = null; });
    return flushing;
  }

  function record(step, i, outcome, actualSeconds) {
    const body = {
      index: i, kind: step.kind, exercise: step.exercise || null, side: step.side,
      planned_seconds: step.seconds, actual_seconds: Math.round(actualSeconds * 1000) / 1000,
      outcome: outcome,
    };
    saveOutbox(loadOutbox().concat([body]));
    return flush();
  }

  // The server keeps the latest pain stop until a step is recorded after it: closed at
  // the question, the session reopens on "stopped for pain", never on that exercise.
  function markPainStop(easing) {
    saveOutbox(loadOutbox().concat([{ painStop: { index: index, easing: easing } }]));
    return flush();
  }

  // Copies of this page, its state and its drawings for the service worker to answer
  // with while the connection is down (secure contexts only: elsewhere there is none).
  function keepForOffline() {
    if (!("caches" in window)) return;
    const urls = [window.location.pathname, "/api/sessions/" + sessionId].concat(Object.values(figureUrls));
    caches.open("supple-plan").then((cache) => cache.addAll(urls)).catch(() => {});
  }

  // --- the clock ----------------------------------------------------------------------
  function tick() {
    timer = null;
    if (state !== "running") return;
    const left = deadline - performance.now();
    if (left <= 0) { complete("done"); return; }
    show(left);
    timer = setTimeout(tick, Math.min(100, left));
  }

  function elapsedSeconds() {
    const running = state === "running" ? performance.now() - segmentStart : 0;
    return (activeMs + running) / 1000;
  }

  function startStep() {
    const step = steps[index];
    remainingMs = step.seconds * 1000 / speed;
    segmentStart = performance.now();
    deadline = segmentStart + remainingMs;
    activeMs = 0;
    lastWhole = null;
    lastBeat = null;
    render();
    setButtons();
    beep(880, 0.15);
    speak(step.say);
    if (timer) clearTimeout(timer);
    tick();
  }

  function advance() {
    index += 1;
    if (index >= steps.length) { finish(); return; }
    startStep();
  }

  function complete(outcome) {
    const step = steps[index];
    record(step, index, outcome, elapsedSeconds());
    advance();
  }

  function pause() {
    if (state !== "running") return;
    const now = performance.now();
    activeMs += now - segmentStart;
    remainingMs = Math.max(0, deadline - now);
    state = "paused";
    if (timer) { clearTimeout(timer); timer = null; }
    el.status.textContent = "Paused";
    setButtons();
  }

  function resume() {
    if (state !== "paused") return;
    segmentStart = performance.now();
    deadline = segmentStart + remainingMs;
    state = "running";
    el.status.textContent = "";
    setButtons();
    tick();
  }

  function back() {
    if (index === 0 || (state !== "running" && state !== "paused")) return;
    index -= 1; // the step before is done again and recorded again
    state = "running";
    startStep();
  }

  // "Sharp pain: stop": everything pauses (no countdown runs on), and the page asks in
  // large type whether the pain is easing before it offers what may come next.
  function stopForPain() {
    if (state !== "running" && state !== "paused" && state !== "ready") return;
    if (state === "running") pause();
    state = "pain";
    painEasing = null;
    markPainStop(null);
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
    const step = steps[index];
    const before = painStepKind(step) !== "exercise" && step.exercise;
    el.painCount.checked = false;
    el.painCountField.hidden = !before;
    if (before) el.painCountLabel.textContent = painRule.count_it + ": " + nameOf(step);
    el.painQuestion.textContent = painRule.question;
    el.painEasing.hidden = false;
    el.painChoices.hidden = true;
    el.stopped.hidden = true;
    showPainPanel(true);
    el.status.textContent = PAUSED_WORDS.pain;
    setButtons();
    el.painQuestion.focus();
    speak(painRule.question);
  }

  // The panel covers the whole player: while it is up nothing else can be tapped,
  // focused or read out, so the only way on is one of the choices the rule offers.
  function showPainPanel(open) {
    el.painStop.hidden = !open;
    for (const child of root.children) {
      if (child !== el.painStop) child.inert = open;
    }
  }

  function painStepKind(step) {
    return PAIN_STEP_KIND[step.kind] || "exercise";
  }

  // The choices the rule offers once the person has said whether the pain is easing.
  function answerEasing(easing) {
    if (state !== "pain") return;
    painEasing = easing;
    markPainStop(easing);
    let first = null;
    for (const button of el.painChoices.querySelectorAll("button[data-choice]")) {
      const row = painRow(button.dataset.choice);
      button.hidden = !row || (!easing && !row.offered_when_not_easing);
      if (!button.hidden && !first) first = button;
    }
    // The heading confirms the answer instead of asking it again.
    el.painQuestion.textContent = easing ? el.painQuestion.dataset.easing : el.painQuestion.dataset.notEasing;
    el.painEasing.hidden = true;
    el.painChoices.hidden = false;
    if (first) first.focus();
  }

  function painRow(choice) {
    const step = steps[index];
    const kind = painStepKind(step);
    const counts = kind !== "exercise" && Boolean(step.exercise) && el.painCount.checked;
    return (painRule.rule || []).find((row) => row.step_kind === kind && row.choice === choice &&
      row.counts_against_upcoming === counts) || null;
  }

  function chooseAfterPain(choice) {
    if (state !== "pain" || painEasing === null) return;
    const row = painRow(choice);
    if (!row || (!painEasing && !row.offered_when_not_easing)) return;
    const exercise = steps[index].exercise;
    const exerciseOf = (value) => (value === "<exercise>" ? exercise : value);
    showPainPanel(false);
    el.painCountField.hidden = true;
    if (row.next !== "next_exercise") {
      // Remembered before the stop is sent: a reload, even offline, opens the finish
      // screen for a session pain ended, never "resume".
      rememberEnded(row.next === "warning_signs" ? "leg" : "pain");
      record(steps[index], index, row.step_outcome, elapsedSeconds());
      finish(endedEarly());
      return;
    }
    record(steps[index], index, row.step_outcome, elapsedSeconds());
    // The rest of the exercise passed over (other side, further sets) is saved as skipped.
    const skipping = exerciseOf(row.skip_exercise);
    while (skipping && index + 1 < steps.length && steps[index + 1].exercise === skipping) {
      index += 1;
      record(steps[index], index, "skipped", 0);
    }
    // Say only what the server keeps: a stop not counted against an exercise is stored
    // as a skipped step, so the note must not say it was noted against one.
    const counted = row.step_outcome === "stopped_for_pain" || row.step_outcome === "stopped_leg_pain";
    $("stopped-counted").hidden = !counted;
    $("stopped-uncounted").hidden = counted;
    el.stopped.hidden = false;
    setTimeout(() => { el.stopped.hidden = true; }, 12000);
    state = "running";
    el.status.textContent = "";
    advance();
  }

  // How the session ended early ("early", "pain" or "leg"), kept on the device beside
  // the outbox so that it survives a reload as the steps do.
  const ENDED = "supple.ended." + sessionId;
  let memoryEnded = "";

  function rememberEnded(ended) {
    memoryEnded = ended;
    if (!storage) return;
    try { storage.setItem(ENDED, ended); } catch (error) { /* the copy in memory still counts */ }
  }

  function endedEarly() {
    if (!storage) return memoryEnded;
    try { return storage.getItem(ENDED) || memoryEnded; } catch (error) { return memoryEnded; }
  }

  // The finish screen is the server's (supple.player.finish decides what it asks from
  // the steps it has), so it opens only once the outbox is empty; while it cannot be,
  // the page says so and tries again. ``ended`` says how a session ended early.
  function finish(ended) {
    const early = ended || "";
    state = "finished";
    if (timer) { clearTimeout(timer); timer = null; }
    setButtons();
    letScreenSleep();
    beep(520, 0.3);
    if (!early) speak("Session finished.");
    openFinishWhenSent(early);
  }

  function openFinishWhenSent(early) {
    flush().then((sent) => {
      const waiting = loadOutbox().length;
      if (sent && !waiting) {
        // Replaced, not pushed: going back never returns to a player that pain ended.
        window.location.replace("/session/" + sessionId + "/finish" + (early ? "?ended=" + early : ""));
        return;
      }
      el.status.textContent = "No connection: " + waiting + (waiting === 1 ? " step is" : " steps are") +
        " kept on this device. The finish screen opens as soon as Supple answers and " +
        (waiting === 1 ? "it is" : "they are") + " sent; keep this page open.";
      setTimeout(() => openFinishWhenSent(early), RETRY_MS);
    });
  }

  function begin() {
    if (state !== "ready") return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (Context && !audio) { try { audio = new Context(); } catch (error) { audio = null; } }
    keepScreenOn();
    state = "running";
    startStep();
  }

  // --- wiring ---------------------------------------------------------------------------
  el.go.addEventListener("click", begin);
  el.big.addEventListener("click", () => setBig(!root.classList.contains("big")));
  try { if (window.localStorage.getItem("supple.bigScreen") === "yes") setBig(true); } catch (error) { /* private mode */ }
  setButtons();
  el.pause.addEventListener("click", () => (state === "paused" ? resume() : pause()));
  el.skip.addEventListener("click", () => { if (state === "paused") resume(); if (state === "running") complete("skipped"); });
  el.back.addEventListener("click", back);
  el.stop.addEventListener("click", stopForPain);
  el.quit.addEventListener("click", () => {
    if (state !== "running" && state !== "paused") return;
    rememberEnded("early");
    finish("early");
  });
  window.addEventListener("online", () => flush());
  $("pain-easing-yes").addEventListener("click", () => answerEasing(true));
  $("pain-easing-no").addEventListener("click", () => answerEasing(false));
  for (const button of el.painChoices.querySelectorAll("button[data-choice]")) {
    button.addEventListener("click", () => chooseAfterPain(button.dataset.choice));
  }
  el.speech.addEventListener("change", () => { if (!el.speech.checked && "speechSynthesis" in window) window.speechSynthesis.cancel(); });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && state === "running") keepScreenOn();
  });
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    if (state !== "running" && state !== "paused") return;
    const key = event.key.toLowerCase();
    const actions = {
      " ": () => (state === "paused" ? resume() : pause()),
      n: () => el.skip.click(), arrowright: () => el.skip.click(),
      p: back, arrowleft: back, x: stopForPain, q: () => el.quit.click(),
    };
    if (key in actions && !(key === " " && tag === "BUTTON")) {
      event.preventDefault();
      actions[key]();
    }
  });

  fetch("/api/sessions/" + sessionId, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error("status " + response.status);
      return response.json();
    })
    .then((data) => {
      steps = data.timeline.steps;
      names = data.names || {};
      totalSeconds = data.timeline.total_seconds;
      // Steps still in the outbox (ended offline, not yet sent) count as done.
      const waiting = loadOutbox().filter((body) => !body.painStop).map((body) => body.index + 1);
      index = Math.min(Math.max(data.next_index, ...waiting), steps.length);
      keepForOffline();
      flush();
      // A session that was ended (for pain or by "End now") goes to its finish screen.
      const ended = endedEarly();
      if (ended || index >= steps.length) { finish(ended); return; }
      state = "ready";
      render();
      setButtons();
      el.go.textContent = index > 0 ? "Resume at exercise " + exerciseNumber(index).number : "Start";
      el.go.disabled = false;
      if (index > 0) el.status.textContent = "Welcome back: everything you did is saved.";
    })
    .catch((error) => {
      el.position.textContent = "";
      el.status.textContent = "The session could not be loaded (" + error.message + "). Reload the page to try again.";
    });
})();
