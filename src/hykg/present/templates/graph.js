/* hykg graph page: draws the embedded data with vis-network; search, filters, physics toggle.
   All text reaches the page as JSON and is shown with textContent or as plain-text vis tooltips. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("hykg-data").textContent);
  var text = data.text;
  var body = document.body;
  var progress = document.getElementById("progress");
  var counts = document.querySelector(".counts");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var state = { type: "", chain: "", status: "" };
  var shown = null;

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return String(values[k]); });
  }
  function nodeOk(n, byStatus) {
    return (!state.type || n.cat === state.type) &&
      (!state.chain || (n.chains || []).indexOf(state.chain) >= 0) &&
      (!byStatus || byStatus.has(n.id));
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !shown || shown.has(n.id); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      return (!state.status || e.status === state.status) && (!shown || (shown.has(e.from) && shown.has(e.to)));
    }
  });

  var container = document.getElementById("graph");
  var t0 = performance.now();
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  var api = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
              ready: false, stabilizedMs: null, matches: [] };
  window.hykg = api;

  network.on("doubleClick", function (p) {  // a node with a url (the explorer's overview) opens its page
    var n = p.nodes.length ? nodes.get(p.nodes[0]) : null;
    if (n && n.url && n.url.charAt(0) === "/" && n.url.charAt(1) !== "/") { window.open(n.url, "_top"); }
  });

  function showCounts() {
    counts.textContent = fmt(text.shown, { n: nodeView.length, m: edgeView.length, N: nodes.length, M: edges.length });
    body.dataset.shownNodes = String(nodeView.length);
    body.dataset.shownEdges = String(edgeView.length);
  }
  function done() {
    api.stabilizedMs = performance.now() - t0;
    api.ready = true;
    progress.classList.add("done");
    body.dataset.ready = "1";
  }
  var physics = document.getElementById("physics");
  var physicsOn = !!(data.options.physics && data.options.physics.enabled);
  physics.checked = false;
  if (physicsOn && data.nodes.length > 0) {
    network.on("stabilizationProgress", function (p) {
      progress.textContent = text.layout + " " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      done();
    });
  } else {
    done();
  }
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });

  function refilter() {
    var byStatus = null;
    if (state.status) {
      byStatus = new Set();
      edges.forEach(function (e) {
        if (e.status === state.status) { byStatus.add(e.from); byStatus.add(e.to); }
      });
    }
    var filtering = state.type || state.chain || state.status;
    shown = filtering ? new Set(nodes.getIds({ filter: function (n) { return nodeOk(n, byStatus); } })) : null;
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
    search();
  }
  ["type", "chain", "status"].forEach(function (key) {
    var select = document.getElementById("filter-" + key);
    select.addEventListener("change", function () { state[key] = select.value; refilter(); });
  });

  var input = document.getElementById("search");
  var found = document.getElementById("search-count");
  function search() {
    var q = input.value.trim().toLowerCase();
    var ids = [];
    if (q) {
      nodeView.forEach(function (n) { if (n.search.indexOf(q) >= 0) { ids.push(n.id); } });
    }
    var match = new Set(ids);
    nodes.update(nodes.map(function (n) {
      return { id: n.id, opacity: q && !match.has(n.id) ? 0.2 : 1 };
    }));
    api.matches = ids;
    body.dataset.matches = String(ids.length);
    found.textContent = q ? fmt(text.matches, { n: ids.length }) : "";
    network.selectNodes(ids);
    if (ids.length) { network.fit({ nodes: ids, animation: false }); }
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  document.getElementById("tools").addEventListener("submit", function (ev) { ev.preventDefault(); search(); });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });
  document.getElementById("reset").addEventListener("click", function () {
    input.value = "";
    ["type", "chain", "status"].forEach(function (key) {
      document.getElementById("filter-" + key).value = "";
      state[key] = "";
    });
    refilter();
    network.fit();
  });
  showCounts();
})();
