// The exercise page's 3D viewer. It knows no anatomy: the server sends, for every
// keyframe of the exercise's loop, the two end points of each part (and the props'
// boxes), worked out by the same figure engine that draws the SVG, and this script
// draws a rounded rod between each pair of points and moves smoothly from one keyframe
// to the next. three.js is the copy vendored under /static/vendor/three/ (see
// scripts/vendor-three); nothing is fetched from anywhere else. Without script or
// WebGL the section stays hidden and the SVG drawings above it are the figure.
"use strict";

const root = document.getElementById("viewer3d");
const TURN_STEP = 15; // degrees per arrow key or Turn button press
const TILT_STEP = 10;
const DRAG_TURN = 0.5; // degrees per pixel dragged
const MIN_ELEVATION = -5;
const MAX_ELEVATION = 85;
const DEEP_OPACITY = 0.45; // a deep muscle's mark lets the body show through it
const ARROW_LINE = 0.6; // radius of a movement cue's tube, in centimetres

function webglWorks() {
  // Asked before three.js is loaded, so a browser without WebGL logs no error.
  try {
    const probe = document.createElement("canvas");
    return Boolean(probe.getContext("webgl2") || probe.getContext("webgl"));
  } catch {
    return false;
  }
}

async function start() {
  if (!root || !webglWorks()) return;
  const urls = JSON.parse(root.dataset.motion || "{}");
  const sides = Object.keys(urls);
  if (!sides.length) return;
  const THREE = await import(root.dataset.three);
  const $ = (id) => document.getElementById(id);
  const canvas = $("viewer3d-canvas");
  const playButton = $("viewer3d-play");
  const status = $("viewer3d-status");
  const desc = $("viewer3d-desc");
  const legend = $("viewer3d-legend");
  const sideButtons = [...root.querySelectorAll("[data-side]")];

  let renderer;
  try {
    renderer = new THREE.WebGLRenderer({
      canvas, antialias: true, alpha: true, preserveDrawingBuffer: true,
    });
  } catch {
    return; // WebGL refused after all: the drawings stay the figure
  }
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(30, 4 / 3, 1, 5000);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x8a8f99, 2.0));
  const sun = new THREE.DirectionalLight(0xffffff, 1.6);
  scene.add(sun, sun.target);

  const rodGeometry = new THREE.CylinderGeometry(1, 1, 1, 20, 1, true);
  const ballGeometry = new THREE.SphereGeometry(1, 20, 14);
  const boxGeometry = new THREE.BoxGeometry(1, 1, 1);
  const floorGeometry = new THREE.CircleGeometry(1, 48);
  const UP = new THREE.Vector3(0, 1, 0);
  const a = new THREE.Vector3();
  const b = new THREE.Vector3();
  const along = new THREE.Vector3();
  const other = new THREE.Vector3();

  const cache = {};
  let data = null;
  let world = null; // the meshes of the side shown
  let view = { azimuth: 0, elevation: 0 };
  let target = new THREE.Vector3();
  let distance = 300;
  let loop = 0; // share of the loop shown, 0 to 1
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  let playing = !reduced;
  let last = null;
  let side = sides[0];

  async function load(which) {
    if (!cache[which]) {
      const response = await fetch(urls[which], { credentials: "same-origin" });
      if (!response.ok) throw new Error(`motion for ${which} side: ${response.status}`);
      cache[which] = await response.json();
    }
    return cache[which];
  }

  function material(colour, mark, deep = false) {
    const options = { color: new THREE.Color(colour) };
    if (mark) options.emissive = new THREE.Color(colour).multiplyScalar(0.35);
    // A deep muscle lies under others: see-through, as the SVG draws it pale and dashed.
    if (deep) Object.assign(options, { transparent: true, opacity: DEEP_OPACITY, depthWrite: false });
    return new THREE.MeshLambertMaterial(options);
  }

  // The movement cues the SVG draws (the ring round each hand's circle, and the
  // direction arrow along a moving part's path, each with its arrowhead): a thin tube
  // along the path and a cone at the tip, fixed in the room.
  function arrows(motion, group) {
    return (motion.arrows || []).map((arrow) => {
      const paint = new THREE.MeshBasicMaterial({ color: new THREE.Color(arrow.colour) });
      const points = arrow.path.map((p) => new THREE.Vector3(p[0], p[1], p[2]));
      const closed = arrow.closed !== false; // a ring closes; a direction arrow does not
      const curve = new THREE.CatmullRomCurve3(points, closed);
      const tube = new THREE.Mesh(new THREE.TubeGeometry(curve, points.length * 2, ARROW_LINE, 8, closed), paint);
      const tip = new THREE.Vector3(...arrow.tip);
      const base = new THREE.Vector3(...arrow.base);
      const height = tip.distanceTo(base);
      const cone = new THREE.Mesh(new THREE.ConeGeometry(arrow.radius, height, 16), paint);
      cone.position.addVectors(tip, base).multiplyScalar(0.5);
      cone.quaternion.setFromUnitVectors(UP, tip.clone().sub(base).normalize());
      group.add(tube, cone);
      return { tube, cone };
    });
  }

  // The faint start is drawn in two passes after the solid model: its depth first
  // (no colour), then its colour only where it is the nearest surface of itself, so
  // where its rods and joints overlap they do not pile up into darker blobs.
  const ghostDepth = new THREE.MeshBasicMaterial({ colorWrite: false, transparent: true, opacity: 0 });
  function ghostly(colour) {
    return new THREE.MeshLambertMaterial({
      color: new THREE.Color(colour), transparent: true, opacity: 0.3,
      depthWrite: false, depthFunc: THREE.LessEqualDepth,
    });
  }

  function rods(motion, group, ghost) {
    return motion.parts.map((part) => {
      const shown = !ghost || part.kind === "body"; // the faint start is the body alone
      const mark = part.kind === "mark";
      const paint = ghost ? ghostly(part.colour) : material(part.colour, mark, mark && part.deep);
      const meshes = [rodGeometry, ballGeometry, ballGeometry].map((shape) => {
        const mesh = new THREE.Mesh(shape, paint);
        mesh.visible = shown;
        if (ghost) {
          mesh.renderOrder = 2;
          const depth = new THREE.Mesh(shape, ghostDepth);
          depth.renderOrder = 1;
          mesh.add(depth); // follows the mesh's position, turn and size
        }
        if (!ghost && part.deep) mesh.renderOrder = 3; // after the solid body it lies in
        group.add(mesh);
        return mesh;
      });
      return { radius: part.radius, rod: meshes[0], ends: meshes.slice(1), shown };
    });
  }

  function build(motion) {
    if (world) scene.remove(world.group, world.ghost.group);
    const group = new THREE.Group();
    const parts = rods(motion, group, false);
    // With motion reduced, the paused model holds the end position and the start shows
    // faintly behind it, as in the still drawing.
    const ghost = { group: new THREE.Group(), parts: null };
    ghost.parts = rods(motion, ghost.group, true);
    const cues = arrows(motion, group);
    const boxes = motion.boxes.map((box) => {
      const mesh = new THREE.Mesh(boxGeometry, material(box.colour, false));
      group.add(mesh);
      return mesh;
    });
    // Frame everything the loop reaches, so turning the model never crops it.
    const bounds = new THREE.Box3();
    for (const frame of motion.frames) {
      frame.parts.forEach((p, i) => {
        const r = motion.parts[i].radius;
        bounds.expandByPoint(a.set(p[0] - r, p[1] - r, p[2] - r));
        bounds.expandByPoint(a.set(p[3] + r, p[4] + r, p[5] + r));
        bounds.expandByPoint(a.set(p[0] + r, p[1] + r, p[2] + r));
        bounds.expandByPoint(a.set(p[3] - r, p[4] - r, p[5] - r));
      });
    }
    for (const arrow of motion.arrows || []) {
      for (const p of [...arrow.path, arrow.tip]) bounds.expandByPoint(a.set(p[0], p[1], p[2]));
    }
    const sphere = bounds.getBoundingSphere(new THREE.Sphere());
    const floor = new THREE.Mesh(floorGeometry, material(floorColour(), false));
    floor.rotation.x = -Math.PI / 2;
    floor.position.set(sphere.center.x, motion.floor - 0.2, sphere.center.z);
    floor.scale.setScalar(sphere.radius * 1.15);
    group.add(floor);
    scene.add(group, ghost.group);
    target = sphere.center.clone();
    distance = (sphere.radius * 1.08) / Math.sin(THREE.MathUtils.degToRad(camera.fov / 2));
    world = { group, parts, boxes, ghost, cues };
    root.dataset.arrows = String(cues.length);
    root.dataset.deep = String(motion.parts.filter((part) => part.kind === "mark" && part.deep).length);
    placeRods(ghost.parts, motion.frames[0], motion.frames[0], 0);
    ghost.group.visible = reduced && !playing;
    root.dataset.start = ghost.group.visible ? "shown" : "hidden";
  }

  function floorColour() {
    const floor = getComputedStyle(root).getPropertyValue("--floor-3d").trim();
    return floor || "#dde1e6";
  }

  function place(frame, next, weight) {
    placeRods(world.parts, frame, next, weight);
    world.boxes.forEach((mesh, i) => {
      const box = frame.boxes[i];
      mesh.position.set(box[0], box[1], box[2]);
      mesh.scale.set(2 * box[3], 2 * box[4], 2 * box[5]);
      mesh.rotation.y = THREE.MathUtils.degToRad(box[6]);
    });
  }

  function placeRods(parts, frame, next, weight) {
    parts.forEach((part, i) => {
      const p = frame.parts[i];
      const q = next.parts[i];
      a.set(p[0], p[1], p[2]).lerp(other.set(q[0], q[1], q[2]), weight);
      b.set(p[3], p[4], p[5]).lerp(other.set(q[3], q[4], q[5]), weight);
      along.subVectors(b, a);
      const length = along.length();
      part.rod.visible = part.shown && length > 0.01;
      if (part.rod.visible) {
        part.rod.position.addVectors(a, b).multiplyScalar(0.5);
        part.rod.scale.set(part.radius, length, part.radius);
        part.rod.quaternion.setFromUnitVectors(UP, along.divideScalar(length));
      }
      part.ends[0].position.copy(a);
      part.ends[1].position.copy(b);
      part.ends[0].scale.setScalar(part.radius);
      part.ends[1].scale.setScalar(part.radius);
    });
  }

  function pose() {
    const times = data.times;
    let i = 0;
    while (i < times.length - 2 && times[i + 1] <= loop) i += 1;
    const span = times[i + 1] - times[i];
    const weight = span > 0 ? Math.min(Math.max((loop - times[i]) / span, 0), 1) : 0;
    place(data.frames[i], data.frames[i + 1], weight);
  }

  function aim() {
    const az = THREE.MathUtils.degToRad(view.azimuth);
    const el = THREE.MathUtils.degToRad(view.elevation);
    camera.position.set(
      target.x - distance * Math.sin(az) * Math.cos(el),
      target.y + distance * Math.sin(el),
      target.z + distance * Math.cos(az) * Math.cos(el),
    );
    camera.lookAt(target);
    sun.position.copy(camera.position).add(other.set(0, distance, 0));
    sun.target.position.copy(target);
  }

  function draw() {
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width && height && (canvas.width !== Math.round(width * renderer.getPixelRatio()))) {
      renderer.setSize(width, height, false);
      camera.aspect = width / height;
      camera.updateProjectionMatrix();
    }
    pose();
    aim();
    renderer.render(scene, camera);
    root.dataset.loop = loop.toFixed(4);
    root.dataset.azimuth = String(view.azimuth);
    root.dataset.elevation = String(view.elevation);
  }

  // One animation loop at most, and none while the model is scrolled out of sight
  // (a phone's battery need not draw what nobody sees).
  let pending = false;
  let visible = true;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(tick);
  }

  function tick(now) {
    pending = false;
    if (!playing || !visible) {
      last = null;
      return;
    }
    if (last !== null) loop = (loop + (now - last) / 1000 / data.seconds) % 1;
    last = now;
    draw();
    schedule();
  }

  function say(text) {
    status.textContent = text;
  }

  function describe() {
    canvas.setAttribute("aria-label", `3D model of ${data.name}${sides.length > 1 ? `, ${side} side` : ""}`);
    desc.textContent = data.description;
    legend.replaceChildren(
      ...data.muscles.map((muscle) => {
        const item = document.createElement("li");
        const swatch = document.createElement("span");
        swatch.className = muscle.deep ? "swatch deep" : "swatch";
        swatch.style.background = muscle.colour;
        swatch.style.borderColor = muscle.colour;
        // Said in words too: the see-through colour alone would not tell everyone.
        item.append(swatch, muscle.deep ? `${muscle.name} (deep)` : muscle.name);
        return item;
      }),
    );
    for (const button of sideButtons) {
      button.setAttribute("aria-pressed", String(button.dataset.side === side));
    }
    root.dataset.side = side;
  }

  function setPlaying(on) {
    playing = on;
    playButton.textContent = on ? "Pause" : "Play";
    root.dataset.state = on ? "playing" : "paused";
    world.ghost.group.visible = reduced && !on;
    root.dataset.start = world.ghost.group.visible ? "shown" : "hidden";
    if (on) schedule();
    else draw();
  }

  function turn(degrees, tilt = 0) {
    view.azimuth = (((view.azimuth + degrees) % 360) + 360) % 360;
    view.elevation = Math.min(Math.max(view.elevation + tilt, MIN_ELEVATION), MAX_ELEVATION);
    if (!playing) draw();
  }

  async function show(which) {
    data = await load(which);
    side = which;
    build(data);
    describe();
    draw();
  }

  data = await load(side);
  view = { azimuth: data.camera.azimuth, elevation: data.camera.elevation };
  if (!playing) loop = data.times[data.still];
  build(data);
  describe();
  root.hidden = false;
  setPlaying(playing);
  draw();
  root.dataset.ready = "true";

  playButton.addEventListener("click", () => {
    setPlaying(!playing);
    say(playing ? "Playing" : "Paused");
  });
  $("viewer3d-left").addEventListener("click", () => turn(-TURN_STEP));
  $("viewer3d-right").addEventListener("click", () => turn(TURN_STEP));
  for (const button of sideButtons) {
    button.addEventListener("click", async () => {
      if (button.dataset.side === side) return;
      await show(button.dataset.side);
      say(`Showing the ${side} side`);
    });
  }
  canvas.addEventListener("keydown", (event) => {
    const moves = {
      ArrowLeft: [-TURN_STEP, 0], ArrowRight: [TURN_STEP, 0],
      ArrowUp: [0, TILT_STEP], ArrowDown: [0, -TILT_STEP],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault(); // turn the model, not scroll the page
    turn(...move);
  });
  let dragging = null;
  canvas.addEventListener("pointerdown", (event) => {
    dragging = { x: event.clientX, y: event.clientY };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    const dx = event.clientX - dragging.x;
    const dy = event.clientY - dragging.y;
    dragging = { x: event.clientX, y: event.clientY };
    turn(dx * DRAG_TURN, dy * DRAG_TURN);
  });
  const stopDrag = () => { dragging = null; };
  canvas.addEventListener("pointerup", stopDrag);
  canvas.addEventListener("pointercancel", stopDrag);
  new ResizeObserver(() => { if (!playing) draw(); }).observe(canvas);
  new IntersectionObserver(([entry]) => {
    visible = entry.isIntersecting;
    if (visible && playing) schedule();
  }).observe(canvas);
}

start().catch((error) => {
  // A failed load leaves the drawings as the figure; the console says why.
  console.warn("3D viewer not shown:", error);
});
