// The network page: fetch the graph (positions computed on the server) and draw it with sigma.js
// (WebGL), so a few thousand groups stay smooth. Every text from the store is set with
// textContent or passed to sigma as data, never parsed as HTML.
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
  var CURVED = Sigma.rendering && Sigma.rendering.EdgeCurveProgram;

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
      swatch.style.backgroundColor = /^#[0-9a-f]{6}$/i.test(entry.color) ? entry.color : "#999999";
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry.label));
      legend.appendChild(item);
    });
  }

  say("Loading the network…");
  fetch(container.dataset.api, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
        return body;
      });
    })
    .then(draw)
    .catch(function (err) {
      say("Could not load the network: " + err.message);
    });

  function draw(data) {
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
        // Hedged ties are drawn faint, denied ones grey and faint (shown only on demand).
        var color = e.denied ? "#adb5bd80" : e.hedged ? e.color + "66" : e.color;
        graph.addDirectedEdgeWithKey(e.id, e.source, e.target, {
          size: e.size, color: color, hedged: !!e.hedged, denied: !!e.denied,
          type: offset !== 0 && CURVED ? "curved" : e.directed ? "arrow" : "line",
          curvature: curvature,
          url: e.url, label: e.label, relation: e.type, confidence: e.confidence,
        });
      });
    });
    if (graph.order === 0) {
      say("No group has a tie that matches these filters.");
      return;
    }

    var hovered = null;
    var neighbours = null;
    // Edge hover needs sigma to draw every edge again into a picking buffer and read it back,
    // which costs frames on big graphs; there a click near an edge still opens it (clickStage).
    var edgeEvents = graph.size <= EDGE_EVENTS_MAX;
    var renderer = new Sigma(graph, container, {
      enableEdgeEvents: edgeEvents,
      edgeProgramClasses: CURVED ? { curved: CURVED } : {},
      // While panning or zooming a big graph, draw only the nodes: the picture follows the
      // hand, and the edges come back the moment it stops.
      hideEdgesOnMove: !edgeEvents,
      renderEdgeLabels: false,
      labelDensity: 0.08,
      labelRenderedSizeThreshold: 7,
      zIndex: true,
      minEdgeThickness: 1,
      nodeReducer: function (node, attrs) {
        if (hovered && node !== hovered && !neighbours.has(node)) {
          return Object.assign({}, attrs, { color: "#d9d9d9", label: "", zIndex: 0 });
        }
        if (node === hovered) return Object.assign({}, attrs, { highlighted: true, zIndex: 2 });
        return attrs;
      },
      edgeReducer: function (edge, attrs) {
        if (hovered && !graph.hasExtremity(edge, hovered)) {
          return Object.assign({}, attrs, { hidden: true });
        }
        return attrs;
      },
    });

    // Find a group by name and bring it to the middle, its ties lit; "Fit all" resets the view.
    var tools = document.getElementById("graph-tools");
    var find = document.getElementById("graph-find");
    if (tools && find) {
      tools.addEventListener("submit", function (ev) {
        ev.preventDefault();
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
        hovered = match;
        neighbours = new Set(graph.neighbors(match));
        var display = renderer.getNodeDisplayData(match);
        renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
        var a = graph.getNodeAttributes(match);
        showInfo([a.label, a.articles + " article(s) · " + graph.degree(match) + " tie(s) · click to open the group"]);
        renderer.refresh({ skipIndexation: true });
      });
    }
    var reset = document.getElementById("graph-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        hovered = null;
        neighbours = null;
        renderer.getCamera().animatedReset({ duration: 300 });
        renderer.refresh({ skipIndexation: true });
      });
    }

    renderer.on("enterNode", function (event) {
      hovered = event.node;
      neighbours = new Set(graph.neighbors(event.node));
      var a = graph.getNodeAttributes(event.node);
      showInfo([a.label, a.articles + " article(s) · " + a.group + " · click to open the group"]);
      container.classList.add("pointer");
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on("leaveNode", function () {
      hovered = null;
      neighbours = null;
      container.classList.remove("pointer");
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on("enterEdge", function (event) {
      var a = graph.getEdgeAttributes(event.edge);
      var ends = graph.extremities(event.edge).map(function (n) {
        return graph.getNodeAttribute(n, "label");
      });
      showInfo([ends[0] + " — " + a.label + " — " + ends[1],
                "confidence " + a.confidence + " · click to open the evidence"]);
      container.classList.add("pointer");
    });
    renderer.on("leaveEdge", function () {
      container.classList.remove("pointer");
    });
    renderer.on("clickNode", function (event) {
      var url = sameOriginPath(graph.getNodeAttribute(event.node, "url"));
      if (url) window.location.assign(url);
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

    function openEdge(edge) {
      var url = sameOriginPath(graph.getEdgeAttribute(edge, "url"));
      if (url) window.location.assign(url);
    }

    function nearestEdge(x, y, tolerance) {
      var best = null;
      var bestDistance = tolerance;
      graph.forEachEdge(function (edge, attrs, source, target) {
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

    showLegend(data.legend || []);

    // For the browser tests and for people poking at the page from the console.
    window.militantmapNetwork = { renderer: renderer, graph: graph };
    var shown = graph.order + " groups, " + graph.size + " ties";
    if (data.truncated) shown += " (the " + data.nodes.length + " best-sourced groups of " + data.total_nodes + ")";
    say(shown + ". Hover to highlight, scroll to zoom, click a group or a tie to open it.");
    container.dataset.ready = "true";
  }
})();
