// Runs reload.js against a stub browser (EventSource, location, document) and
// prints one JSON line of results per scenario. Driven by TestReloadScript.
"use strict";
const fs = require("fs");
const vm = require("vm");
const src = fs.readFileSync(process.argv[2], "utf8");

function element(tag) {
  const el = {
    tag,
    children: [],
    attrs: {},
    style: {},
    textContent: "",
    appendChild(c) { this.children.push(c); return c; },
    setAttribute(k, v) { this.attrs[k] = String(v); },
  };
  Object.defineProperty(el, "innerHTML", {
    get() { return ""; },
    set() { throw new Error("innerHTML must not be used"); },
  });
  return el;
}

// page loads the script on a page at pathname, which loaded the resources
// (absolute URLs), and returns a driver.
function page(pathname, resources) {
  const sources = [];
  class EventSource {
    constructor(url) { this.url = url; this.listeners = {}; sources.push(this); }
    addEventListener(name, fn) { (this.listeners[name] = this.listeners[name] || []).push(fn); }
  }
  const body = element("body");
  const state = { reloads: 0 };
  const ctx = {
    EventSource,
    location: { pathname, href: origin + pathname, origin, reload() { state.reloads++; } },
    document: { body, documentElement: element("html"), createElement: element },
    URL,
  };
  if (resources) {
    ctx.performance = { getEntriesByType: (type) => (type === "resource" ? resources.map((name) => ({ name })) : []) };
  }
  ctx.window = ctx;
  vm.createContext(ctx);
  vm.runInContext(src, ctx);
  const es = sources[0];
  return {
    url: es.url,
    fire(name, data) { for (const fn of es.listeners[name] || []) fn({ data }); },
    reloads: () => state.reloads,
    overlay() {
      const o = body.children[0];
      if (!o) return null;
      return { id: o.id, role: o.attrs.role, text: o.children[1].textContent, style: o.style.cssText, count: body.children.length };
    },
  };
}

const origin = "http://127.0.0.1:4000";
const results = {};

{ // reload only when the page's path is named, or all
  const p = page("/tech-development/backend/");
  p.fire("open");
  p.fire("reload", JSON.stringify(["/other/"]));
  const before = p.reloads();
  p.fire("reload", JSON.stringify(["/x/", "/tech-development/backend/"]));
  results.pathMatch = { url: p.url, before, after: p.reloads() };
}
{ // index.html in the address is the same page
  const p = page("/tech-development/index.html");
  p.fire("reload", JSON.stringify(["/tech-development/"]));
  results.indexHtml = p.reloads();
}
{ // percent-encoded address, decoded path
  const p = page("/umlaut-%C3%A4/");
  p.fire("reload", JSON.stringify(["/umlaut-ä/"]));
  results.encoded = p.reloads();
}
{ // a file the page loaded from its server; not one of another origin
  const p = page("/a/", [origin + "/assets/style.css", origin + "/img/logo%20neu.png", "https://cdn.example/img/x.png"]);
  p.fire("reload", JSON.stringify(["/img/x.png", "/img/other.png"]));
  const before = p.reloads();
  p.fire("reload", JSON.stringify(["/img/logo neu.png"]));
  results.resource = { before, after: p.reloads() };
}
{ // empty list: every page
  const p = page("/a/");
  p.fire("reload", "[]");
  results.all = p.reloads();
}
{ // fail: overlay with the text as text; a second fail replaces the text;
  // the next reload, for any path, reloads
  const p = page("/a/");
  const evil = "content/roles/x.md:4:1: bad\n<img src=x onerror=alert(1)>";
  p.fire("fail", JSON.stringify({ title: "Build fehlgeschlagen", text: evil }));
  const first = p.overlay();
  p.fire("fail", JSON.stringify("second"));
  const second = p.overlay();
  const before = p.reloads();
  p.fire("reload", JSON.stringify(["/other/"]));
  results.fail = { evil, first, second, before, after: p.reloads() };
}
{ // reconnect after a server restart reloads; the first open does not
  const p = page("/a/");
  p.fire("open");
  const first = p.reloads();
  p.fire("error");
  p.fire("open");
  results.reconnect = { first, second: p.reloads() };
}
console.log(JSON.stringify(results));
