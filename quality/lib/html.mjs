// Small helpers over htmlparser2's DOM, shared by the checks that read the
// built HTML files directly.
import {DomUtils, parseDocument} from 'htmlparser2';

export const parse = (html) => parseDocument(html);

export const all = (doc, test) => DomUtils.findAll(test, doc.children);

export const byTag = (doc, tag) => all(doc, (e) => e.name === tag);

export const text = (node) => DomUtils.textContent(node).replace(/\s+/g, ' ').trim();

// Elements that do not break the text they stand in: between any others a
// browser shows the text apart (a new line, a cell) whether or not white
// space separates them in the source, as in minified HTML.
const inline = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr']);

// visibleText is text(node) with the text of block elements kept apart by a
// space, as a reader sees it: the same for a page and for its minified form.
export const visibleText = (node) => {
  const parts = [];
  const walk = (n) => {
    if (n.type === 'text') parts.push(n.data);
    else if (n.type === 'script' || n.type === 'style' || n.type === 'comment') return;
    const apart = n.type === 'tag' && !inline.has(n.name);
    if (apart) parts.push(' ');
    for (const c of n.children ?? []) walk(c);
    if (apart) parts.push(' ');
  };
  [].concat(node).forEach(walk);
  return parts.join('').replace(/\s+/g, ' ').trim();
};

// meta returns the content of every <meta> whose name or property is key.
export const meta = (doc, key) =>
  byTag(doc, 'meta')
    .filter((e) => e.attribs.name === key || e.attribs.property === key)
    .map((e) => e.attribs.content ?? '');

export const links = (doc, rel) =>
  byTag(doc, 'link')
    .filter((e) => (e.attribs.rel || '').split(/\s+/).includes(rel))
    .map((e) => e.attribs.href ?? '');

// jsonLD returns the raw text of every JSON-LD script block.
export const jsonLD = (doc) =>
  byTag(doc, 'script')
    .filter((e) => (e.attribs.type || '').trim().toLowerCase() === 'application/ld+json')
    .map((e) => DomUtils.textContent(e));

// chars counts characters (code points), not UTF-16 units.
export const chars = (s) => [...s].length;
