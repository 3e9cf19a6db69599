// The network page: fetch the graph (positions computed on the server, discs already kept
// apart) and draw it with sigma.js (WebGL), so a few thousand groups stay smooth. Every text
// from the store is set with textContent or passed to sigma as data, never parsed as HTML.
//
// Issue 10, a network to work in: labels never overlap one another or another group's disc
// (chosen anew each frame, best-sourced groups first); hedged ties are dashed; a time slider
// over first/last seen; a double-click (or "Expand") adds a group's every tie to the view;
// PNG and SVG export of what is on screen.
(function () {
  "use strict";

  var container = document.getElementById("graph");
  var status = document.getElementById("graph-status");
  var info = document.getElementById("graph-info");
  if (!container) return;

  function say(text) {
    if (status) status.textContent = text;
  }

  if (typeof graphology === "undefined" || typeof Sigma === "undefined") {
    say("The graph libraries are not installed on this server (run `make web-assets`); " +
        "the tables below list the same groups and ties.");
    return;
  }

  var EDGE_EVENTS_MAX = 1500;
  var LABEL_SIZE = 12;
  var LABEL_FONT = "Arial";
  var DASH_PX = 7;   // a dash and the gap after it, on screen
  var R = Sigma.rendering || {};
  var CURVED = R.EdgeCurveProgram;

  // A dashed straight edge: sigma's rectangle program plus the distance along the edge in
  // pixels, every other stretch of which the fragment shader leaves out. (Picking mode keeps
  // the whole edge, so a dashed tie is as easy to click as a solid one.)
  var DashedEdgeProgram = null;
  if (R.EdgeRectangleProgram) {
    DashedEdgeProgram = class extends R.EdgeRectangleProgram {
      getDefinition() {
        var def = super.getDefinition();
        var vertex = def.VERTEX_SHADER_SOURCE
          .replace("varying float v_feather;", "varying float v_feather;\nvarying float v_along;\nuniform vec2 u_dimensions;")
          .replace("v_normal = unitNormal;",
            "v_normal = unitNormal;\n" +
            "  vec2 clipStart = (u_matrix * vec3(a_positionStart, 1)).xy;\n" +
            "  vec2 clipEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;\n" +
            "  v_along = a_positionCoef * length((clipEnd - clipStart) * u_dimensions / 2.0);");
        var fragment = def.FRAGMENT_SHADER_SOURCE
          .replace("varying float v_feather;", "varying float v_feather;\nvarying float v_along;")
          .replace("#else\n  float dist", "#else\n  if (mod(v_along, " + DASH_PX.toFixed(1) + ") > " +
                   (DASH_PX * 0.55).toFixed(2) + ") discard;\n  float dist");
        return Object.assign({}, def, {
          VERTEX_SHADER_SOURCE: vertex, FRAGMENT_SHADER_SOURCE: fragment,
          UNIFORMS: def.UNIFORMS.concat(["u_dimensions"]),
        });
      }
      setUniforms(params, context) {
        super.setUniforms(params, context);
        context.gl.uniform2f(context.uniformLocations.u_dimensions,
                             params.width * params.pixelRatio, params.height * params.pixelRatio);
      }
    };
  }
  var DashedArrowProgram = DashedEdgeProgram && R.createEdgeCompoundProgram && R.createEdgeArrowHeadProgram
    ? R.createEdgeCompoundProgram([DashedEdgeProgram, R.createEdgeArrowHeadProgram()]) : null;

  function sameOriginPath(url) {
    // Only follow links to our own pages, whatever the data says.
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" ? url : null;
  }

  function showInfo(lines) {
    if (!info) return;
    info.replaceChildren();
    lines.forEach(function (line) {
      var div = document.createElement("div");
      div.textContent = line;
      info.appendChild(div);
    });
  }

  function showLegend(entries) {
    // Node colours: communities or regions, largest first. Colours go through the CSSOM
    // (allowed by the CSP), never through a style attribute.
    var legend = document.getElementById("node-legend");
    if (!legend) return;
    legend.replaceChildren();
    entries.forEach(function (entry) {
      var item = document.createElement("span");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = safeColour(entry.color);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry.label));
      legend.appendChild(item);
    });
  }

  function safeColour(c) {
    return /^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(c) ? c : "#999999";
  }

  // -- state shared by the controls (set up once) and the drawing (redone on expand) --------
  var state = { graph: null, renderer: null, data: null, hovered: null, neighbours: null,
                selected: null, window: null, api: container.dataset.api, labelBoxes: [] };

  function load(api) {
    say("Loading the network…");
    return fetch(api, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
          return body;
        });
      })
      .then(function (data) {
        state.api = api;
        draw(data);
      })
      .catch(function (err) {
        say("Could not load the network: " + err.message);
      });
  }

  // Months since year 0, from an ISO date or a prefix of one ("2016", "2016-05"); `end` reads
  // a bare year as its December.
  function month(value, end) {
    if (typeof value !== "string") return null;
    var m = /^(\d{4})(?:-(\d{2}))?/.exec(value);
    if (!m) return null;
    return Number(m[1]) * 12 + (m[2] ? Number(m[2]) - 1 : end ? 11 : 0);
  }

  function monthText(n) {
    var y = Math.floor(n / 12), mo = n % 12 + 1;
    return y + "-" + (mo < 10 ? "0" : "") + mo;
  }

  function draw(data) {
    if (state.renderer) state.renderer.kill();
    container.dataset.ready = "false";
    state.data = data;
    state.hovered = state.neighbours = null;
    var graph = new graphology.MultiDirectedGraph();
    data.nodes.forEach(function (n) {
      graph.addNode(n.id, {
        x: n.x, y: n.y, size: n.size, color: n.color, label: n.label,
        url: n.url, articles: n.articles, group: n.group_label,
      });
    });
    // Two groups often have several ties (supports, affiliated with, allegiance to): drawn
    // straight they would lie on top of one another, so all but the middle one are curved
    // apart. (The curved program of sigma's bundle draws no arrowhead: the middle one keeps it.)
    var parallels = {};
    data.edges.forEach(function (e) {
      var pair = e.source < e.target ? e.source + "\u0000" + e.target : e.target + "\u0000" + e.source;
      (parallels[pair] = parallels[pair] || []).push(e);
    });
    Object.keys(parallels).forEach(function (pair) {
      var group = parallels[pair];
      group.forEach(function (e, index) {
        if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) return;
        var offset = index - (group.length - 1) / 2;
        // Curvature bends to the left of the edge's direction: flip it for reversed edges so
        // that A->B and B->A still go separate ways.
        var curvature = offset * 0.35 * (e.source < e.target ? 1 : -1);
        var type = e.directed ? "arrow" : "line";
        if (offset !== 0 && CURVED) type = "curved";
        else if (e.hedged && DashedEdgeProgram) type = e.directed && DashedArrowProgram ? "dashedArrow" : "dashed";
        // Hedged ties are dashed (faint where curved), denied ones grey (shown on demand).
        var color = e.denied ? "#adb5bd" : e.hedged && type === "curved" ? e.color + "66" : e.color;
        graph.addDirectedEdgeWithKey(e.id, e.source, e.target, {
          size: e.size, color: color, hedged: !!e.hedged, denied: !!e.denied,
          type: type, curvature: curvature, directed: !!e.directed,
          url: e.url, label: e.label, relation: e.type, confidence: e.confidence,
          from: month(e.first_seen, false), to: month(e.last_seen, true),
        });
      });
    });
    state.graph = graph;
    setUpSlider(graph);
    if (graph.order === 0) {
      say("No group has a tie that matches these filters.");
      container.dataset.ready = "true";
      return;
    }

    // Edge hover needs sigma to draw every edge again into a picking buffer and read it back,
    // which costs frames on big graphs; there a click near an edge still opens it (clickStage).
    var edgeEvents = graph.size <= EDGE_EVENTS_MAX;
    var programs = {};
    if (CURVED) programs.curved = CURVED;
    if (DashedEdgeProgram) programs.dashed = DashedEdgeProgram;
    if (DashedArrowProgram) programs.dashedArrow = DashedArrowProgram;
    var renderer = new Sigma(graph, container, {
      enableEdgeEvents: edgeEvents,
      edgeProgramClasses: programs,
      // While panning or zooming a big graph, draw only the nodes: the picture follows the
      // hand, and the edges come back the moment it stops.
      hideEdgesOnMove: !edgeEvents,
      renderEdgeLabels: false,
      labelSize: LABEL_SIZE,
      labelFont: LABEL_FONT,
      zIndex: true,
      minEdgeThickness: 1,
      defaultDrawNodeLabel: drawLabel,
      nodeReducer: function (node, attrs) {
        var out = attrs;
        if (!visibleNode(node)) return Object.assign({}, attrs, { hidden: true });
        if (state.hovered && node !== state.hovered && !state.neighbours.has(node)) {
          out = Object.assign({}, attrs, { color: "#d9d9d9", label: "", zIndex: 0 });
        } else if (node === state.hovered) {
          out = Object.assign({}, attrs, { highlighted: true, zIndex: 2 });
        }
        // Every label is offered to drawLabel, which keeps those that fit (see labelPlan).
        return Object.assign({}, out, { forceLabel: true });
      },
      edgeReducer: function (edge, attrs) {
        if (!inWindow(attrs) || state.hovered && !graph.hasExtremity(edge, state.hovered)) {
          return Object.assign({}, attrs, { hidden: true });
        }
        return attrs;
      },
    });
    state.renderer = renderer;
    renderer.on("beforeRender", function () {
      state.plan = null;
    });
    renderer.refresh();

    renderer.on("enterNode", function (event) {
      state.hovered = event.node;
      state.neighbours = new Set(graph.neighbors(event.node));
      var a = graph.getNodeAttributes(event.node);
      showInfo([a.label, a.articles + " article(s) · " + a.group +
                " · click to open the group, double-click to add its ties"]);
      container.classList.add("pointer");
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on("leaveNode", function () {
      state.hovered = null;
      state.neighbours = null;
      container.classList.remove("pointer");
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on("enterEdge", function (event) {
      var a = graph.getEdgeAttributes(event.edge);
      var ends = graph.extremities(event.edge).map(function (n) {
        return graph.getNodeAttribute(n, "label");
      });
      showInfo([ends[0] + " — " + a.label + " — " + ends[1],
                "confidence " + a.confidence + (a.hedged ? " · only planned or speculated" : "") +
                (a.denied ? " · denied" : "") + " · click to open the evidence"]);
      container.classList.add("pointer");
    });
    renderer.on("leaveEdge", function () {
      container.classList.remove("pointer");
    });
    // A click opens the group, a double-click expands it: the click waits for sigma's
    // double-click delay before it leaves the page.
    var pendingClick = null;
    renderer.on("clickNode", function (event) {
      var url = sameOriginPath(graph.getNodeAttribute(event.node, "url"));
      if (pendingClick) clearTimeout(pendingClick);
      pendingClick = setTimeout(function () {
        pendingClick = null;
        if (url) window.location.assign(url);
      }, renderer.getSetting("doubleClickTimeout") || 300);
    });
    renderer.on("doubleClickNode", function (event) {
      if (pendingClick) clearTimeout(pendingClick);
      pendingClick = null;
      event.preventSigmaDefault();
      expand(event.node);
    });
    renderer.on("clickEdge", function (event) {
      openEdge(event.edge);
    });
    // Thin edges are hard to hit exactly (sigma picks on a down-sized buffer): a click on the
    // background within a few pixels of an edge opens that edge.
    renderer.on("clickStage", function (event) {
      var edge = nearestEdge(event.event.x, event.event.y, 6);
      if (edge !== null) openEdge(edge);
    });

    showLegend(data.legend || []);
    // For the browser tests and for people poking at the page from the console.
    window.militantmapNetwork = {
      renderer: renderer, graph: graph,
      labelBoxes: function () { return state.labelBoxes.slice(); },
      visibleEdges: function () { return countVisible(); },
    };
    report();
    container.dataset.ready = "true";
  }

  function report() {
    var data = state.data, graph = state.graph;
    var shown = graph.order + " groups, " + graph.size + " ties";
    if (state.window) {
      var c = countVisible();
      shown = c.nodes + " groups, " + c.edges + " ties seen " + monthText(state.window[0]) +
        " to " + monthText(state.window[1]) + " (of " + graph.order + " groups, " + graph.size + " ties)";
    }
    if (data.truncated) shown += " (the " + data.nodes.length + " best-sourced groups of " + data.total_nodes + ")";
    if (data.expanded && data.expanded.length) shown += "; expanded: " + data.expanded.length + " group(s)";
    say(shown + ". Hover to highlight, scroll to zoom, click a group or a tie to open it, double-click a group to add its ties.");
  }

  function openEdge(edge) {
    var url = sameOriginPath(state.graph.getEdgeAttribute(edge, "url"));
    if (url) window.location.assign(url);
  }

  function nearestEdge(x, y, tolerance) {
    var renderer = state.renderer, graph = state.graph;
    var best = null;
    var bestDistance = tolerance;
    graph.forEachEdge(function (edge, attrs, source, target) {
      if (!inWindow(attrs)) return;
      var p = renderer.framedGraphToViewport(renderer.getNodeDisplayData(source));
      var q = renderer.framedGraphToViewport(renderer.getNodeDisplayData(target));
      var dx = q.x - p.x, dy = q.y - p.y;
      var lengthSquared = dx * dx + dy * dy;
      var t = lengthSquared ? ((x - p.x) * dx + (y - p.y) * dy) / lengthSquared : 0;
      t = Math.max(0, Math.min(1, t));
      var distance = Math.hypot(x - (p.x + t * dx), y - (p.y + t * dy));
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = edge;
      }
    });
    return best;
  }

  // -- labels: never on top of one another nor of another group's disc ----------------------
  // sigma offers every label (forceLabel); the first call of each frame plans which fit,
  // best-sourced groups first, on a grid of placed boxes; the others are not drawn.
  function labelPlan(context) {
    var renderer = state.renderer, graph = state.graph;
    var cell = 64, grid = {}, boxes = [];
    function cellsOf(b) {
      var out = [];
      for (var cx = Math.floor(b.x / cell); cx <= Math.floor((b.x + b.w) / cell); cx++) {
        for (var cy = Math.floor(b.y / cell); cy <= Math.floor((b.y + b.h) / cell); cy++) out.push(cx + ":" + cy);
      }
      return out;
    }
    function put(b) {
      cellsOf(b).forEach(function (k) { (grid[k] = grid[k] || []).push(b); });
    }
    function hits(b) {
      return cellsOf(b).some(function (k) {
        return (grid[k] || []).some(function (o) {
          return o.key !== b.key && b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h;
        });
      });
    }
    var width = renderer.getDimensions().width, height = renderer.getDimensions().height;
    var shown = [];
    graph.forEachNode(function (node, attrs) {
      var d = renderer.getNodeDisplayData(node);
      if (!d || d.hidden) return;
      var p = renderer.framedGraphToViewport(d);
      var size = renderer.scaleSize(d.size);
      if (p.x + size < 0 || p.x - size > width || p.y + size < 0 || p.y - size > height) return;
      put({ key: node, x: p.x - size, y: p.y - size, w: 2 * size, h: 2 * size, disc: true });
      if (d.label) shown.push({ node: node, label: d.label, x: p.x, y: p.y, size: size, articles: attrs.articles || 0 });
    });
    shown.sort(function (a, b) { return b.articles - a.articles || b.size - a.size || (a.label < b.label ? -1 : 1); });
    context.font = "normal " + LABEL_SIZE + "px " + LABEL_FONT;
    var plan = new Map();
    shown.forEach(function (s) {
      // Right of the disc as sigma puts it; else left, above or below, whichever is free.
      var w = context.measureText(s.label).width, h = LABEL_SIZE;
      var gap = 3, half = h / 2;
      var spots = [
        { tx: s.x + s.size + gap, ty: s.y + LABEL_SIZE / 3, x: s.x + s.size + gap, y: s.y - half },
        { tx: s.x - s.size - gap - w, ty: s.y + LABEL_SIZE / 3, x: s.x - s.size - gap - w, y: s.y - half },
        { tx: s.x - w / 2, ty: s.y - s.size - gap - h / 4, x: s.x - w / 2, y: s.y - s.size - gap - h },
        { tx: s.x - w / 2, ty: s.y + s.size + gap + h * 3 / 4, x: s.x - w / 2, y: s.y + s.size + gap },
      ];
      for (var i = 0; i < spots.length; i++) {
        // The box is padded by a pixel all round, so two labels never touch.
        var box = { key: s.node, x: spots[i].x - 1, y: spots[i].y - 1, w: w + 2, h: h + 2 };
        if (box.x < 0 || box.x + box.w > width || box.y < 0 || box.y + box.h > height || hits(box)) continue;
        put(box);
        plan.set(s.node, spots[i]);
        boxes.push({ key: s.node, label: s.label, x: spots[i].x, y: spots[i].y, w: w, h: h });
        return;
      }
    });
    state.labelBoxes = boxes;
    return plan;
  }

  function drawLabel(context, data, settings) {
    // (The first frame, drawn inside sigma's constructor, has no renderer to plan with yet:
    // it is drawn again right after.)
    if (!data.label || !state.renderer) return;
    if (!state.plan) state.plan = labelPlan(context);
    var spot = state.plan.get(data.key);
    if (!spot) return;
    context.fillStyle = "#000";
    context.font = "normal " + LABEL_SIZE + "px " + LABEL_FONT;
    context.fillText(data.label, spot.tx, spot.ty);
  }

  // -- time slider ----------------------------------------------------------------------
  var sliderFrom = document.getElementById("time-from");
  var sliderTo = document.getElementById("time-to");
  var sliderText = document.getElementById("time-text");
  var span = null;

  function setUpSlider(graph) {
    var lo = Infinity, hi = -Infinity;
    graph.forEachEdge(function (edge, a) {
      if (a.from !== null) lo = Math.min(lo, a.from);
      if (a.to !== null) hi = Math.max(hi, a.to);
    });
    span = isFinite(lo) && isFinite(hi) ? [lo, hi] : null;
    state.window = null;
    if (!sliderFrom || !sliderTo) return;
    var box = sliderFrom.closest("fieldset");
    if (box) box.hidden = span === null;
    if (span === null) return;
    [sliderFrom, sliderTo].forEach(function (s) {
      s.min = String(span[0]);
      s.max = String(span[1]);
    });
    sliderFrom.value = String(span[0]);
    sliderTo.value = String(span[1]);
    showWindow();
  }

  function showWindow() {
    if (!sliderText || span === null) return;
    var a = Number(sliderFrom.value), b = Number(sliderTo.value);
    sliderText.textContent = monthText(Math.min(a, b)) + " to " + monthText(Math.max(a, b)) +
      (state.window ? " (undated ties hidden)" : " (all ties)");
  }

  function onSlide() {
    if (span === null || !state.graph) return;
    var a = Number(sliderFrom.value), b = Number(sliderTo.value);
    var lo = Math.min(a, b), hi = Math.max(a, b);
    state.window = lo <= span[0] && hi >= span[1] ? null : [lo, hi];
    showWindow();
    if (state.renderer) {
      state.renderer.refresh();
      report();
    }
  }
  if (sliderFrom && sliderTo) {
    sliderFrom.addEventListener("input", onSlide);
    sliderTo.addEventListener("input", onSlide);
  }

  // A tie is in the window when the span it was seen over meets it; an undated tie is in no
  // narrowed window (the full span shows everything).
  function inWindow(attrs) {
    if (!state.window) return true;
    if (attrs.from === null || attrs.to === null) return false;
    return attrs.from <= state.window[1] && attrs.to >= state.window[0];
  }

  function visibleNode(node) {
    if (!state.window) return true;
    var graph = state.graph;
    if (graph.degree(node) === 0) return true; // a group without ties stays (asked for)
    return graph.someEdge(node, function (edge, attrs) { return inWindow(attrs); });
  }

  function countVisible() {
    var graph = state.graph, nodes = 0, edges = 0;
    graph.forEachNode(function (n) { if (visibleNode(n)) nodes++; });
    graph.forEachEdge(function (e, a) { if (inWindow(a)) edges++; });
    return { nodes: nodes, edges: edges };
  }

  // -- find, fit, expand ----------------------------------------------------------------
  var tools = document.getElementById("graph-tools");
  var find = document.getElementById("graph-find");
  if (tools && find) {
    tools.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var graph = state.graph, renderer = state.renderer;
      if (!graph || !renderer) return;
      var wanted = find.value.trim().toLowerCase();
      if (!wanted) return;
      var match = null;
      graph.forEachNode(function (node, attrs) {
        var label = String(attrs.label || "").toLowerCase();
        if (match === null && (label === wanted || label.indexOf(wanted) >= 0)) match = node;
      });
      if (match === null) {
        showInfo(["No group in this view is called \u201c" + find.value.trim() + "\u201d."]);
        return;
      }
      state.selected = match;
      state.hovered = match;
      state.neighbours = new Set(graph.neighbors(match));
      var display = renderer.getNodeDisplayData(match);
      renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
      var a = graph.getNodeAttributes(match);
      showInfo([a.label, a.articles + " article(s) · " + graph.degree(match) +
                " tie(s) · click to open the group, \u201cExpand\u201d adds all its ties"]);
      renderer.refresh({ skipIndexation: true });
    });
  }
  var reset = document.getElementById("graph-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      if (!state.renderer) return;
      state.hovered = null;
      state.neighbours = null;
      state.renderer.getCamera().animatedReset({ duration: 300 });
      state.renderer.refresh({ skipIndexation: true });
    });
  }
  var expandButton = document.getElementById("graph-expand");
  if (expandButton) {
    expandButton.addEventListener("click", function () {
      if (state.selected === null || !state.graph || !state.graph.hasNode(state.selected)) {
        showInfo(["Find a group first (or double-click one): \u201cExpand\u201d adds all its ties."]);
        return;
      }
      expand(state.selected);
    });
  }

  // Adding a group's ties: the server lays out the bigger view afresh (discs kept apart) and
  // the page's address keeps the expansion, so a reload or a shared link shows the same view.
  function expand(node) {
    var api = new URL(state.api, window.location.origin);
    var already = api.searchParams.getAll("expand");
    if (already.indexOf(node) < 0) api.searchParams.append("expand", node);
    var query = api.searchParams.toString();
    var page = new URL(window.location.href);
    page.search = query;
    window.history.replaceState(null, "", page.pathname + page.search);
    updateDownloads(query);
    state.selected = node;
    load(api.pathname + "?" + query);
  }

  function updateDownloads(query) {
    document.querySelectorAll("a[data-network-download]").forEach(function (a) {
      a.href = a.dataset.networkDownload + (query ? "?" + query : "");
    });
  }

  // -- export of the view -------------------------------------------------------------
  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 5000);
  }

  function exportPng() {
    var renderer = state.renderer;
    if (!renderer) return;
    // WebGL layers keep no drawing buffer between frames: draw now, copy in the same task.
    renderer.refresh();
    var canvases = renderer.getCanvases();
    var layers = Array.prototype.filter.call(container.querySelectorAll("canvas"), function (c) {
      return Object.keys(canvases).some(function (k) { return canvases[k] === c && k !== "mouse"; });
    });
    var first = layers[0];
    var out = document.createElement("canvas");
    out.width = first.width;
    out.height = first.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    layers.forEach(function (c) { ctx.drawImage(c, 0, 0, out.width, out.height); });
    out.toBlob(function (blob) { download(blob, "network.png"); }, "image/png");
  }

  function exportSvg() {
    var renderer = state.renderer, graph = state.graph;
    if (!renderer) return;
    renderer.refresh();
    var NS = "http://www.w3.org/2000/svg";
    var dims = renderer.getDimensions();
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("xmlns", NS);
    svg.setAttribute("width", String(dims.width));
    svg.setAttribute("height", String(dims.height));
    svg.setAttribute("viewBox", "0 0 " + dims.width + " " + dims.height);
    function el(name, attrs, parent) {
      var e = document.createElementNS(NS, name);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
      (parent || svg).appendChild(e);
      return e;
    }
    var title = el("title", {});
    title.textContent = "militantmap network";
    el("rect", { x: 0, y: 0, width: dims.width, height: dims.height, fill: "#ffffff" });
    var defs = el("defs", {});
    var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
                                markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#555" }, marker);
    var edges = el("g", { "class": "edges" });
    graph.forEachEdge(function (edge, attrs, source, target) {
      var d = renderer.getEdgeDisplayData(edge);
      if (!d || d.hidden) return;
      var s = renderer.getNodeDisplayData(source), t = renderer.getNodeDisplayData(target);
      if (s.hidden || t.hidden) return;
      var p = renderer.framedGraphToViewport(s), q = renderer.framedGraphToViewport(t);
      // End at the target's rim, so the arrowhead shows.
      var dx = q.x - p.x, dy = q.y - p.y, len = Math.hypot(dx, dy) || 1;
      var rim = renderer.scaleSize(t.size);
      var ex = q.x - dx / len * rim, ey = q.y - dy / len * rim;
      var path = "M " + p.x.toFixed(1) + " " + p.y.toFixed(1) + " ";
      if (attrs.type === "curved") {
        var c = attrs.curvature || 0;
        var mx = (p.x + ex) / 2 - dy / len * c * len / 2, my = (p.y + ey) / 2 + dx / len * c * len / 2;
        path += "Q " + mx.toFixed(1) + " " + my.toFixed(1) + " " + ex.toFixed(1) + " " + ey.toFixed(1);
      } else {
        path += "L " + ex.toFixed(1) + " " + ey.toFixed(1);
      }
      var colour = String(d.color || "#999999");
      var line = el("path", { d: path, fill: "none", stroke: safeColour(colour.slice(0, 7)),
                              "stroke-width": Math.max(1, d.size || 1).toFixed(1) }, edges);
      if (colour.length === 9) line.setAttribute("stroke-opacity", (parseInt(colour.slice(7), 16) / 255).toFixed(2));
      if (attrs.hedged) line.setAttribute("stroke-dasharray", (DASH_PX * 0.55).toFixed(1) + " " + (DASH_PX * 0.45).toFixed(1));
      if (attrs.directed && attrs.type !== "curved") line.setAttribute("marker-end", "url(#arrow)");
      var tip = el("title", {}, line);
      tip.textContent = graph.getNodeAttribute(source, "label") + " \u2014 " + attrs.label + " \u2014 " +
        graph.getNodeAttribute(target, "label") + (attrs.hedged ? " (hedged)" : "") + (attrs.denied ? " (denied)" : "");
    });
    var nodes = el("g", { "class": "nodes" });
    graph.forEachNode(function (node) {
      var d = renderer.getNodeDisplayData(node);
      if (!d || d.hidden) return;
      var p = renderer.framedGraphToViewport(d);
      var circle = el("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: renderer.scaleSize(d.size).toFixed(1),
                                  fill: safeColour(String(d.color)) }, nodes);
      var tip = el("title", {}, circle);
      tip.textContent = graph.getNodeAttribute(node, "label");
    });
    var labels = el("g", { "class": "labels", "font-family": LABEL_FONT, "font-size": LABEL_SIZE, fill: "#000" });
    state.labelBoxes.forEach(function (b) {
      var spot = state.plan && state.plan.get(b.key);
      if (!spot) return;
      var text = el("text", { x: spot.tx.toFixed(1), y: spot.ty.toFixed(1) }, labels);
      text.textContent = b.label;  // text content: serialised escaped
    });
    var xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
    download(new Blob([xml], { type: "image/svg+xml" }), "network.svg");
  }

  var png = document.getElementById("export-png");
  if (png) png.addEventListener("click", exportPng);
  var svgButton = document.getElementById("export-svg");
  if (svgButton) svgButton.addEventListener("click", exportSvg);

  load(state.api);
})();
