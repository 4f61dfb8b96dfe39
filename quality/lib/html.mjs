// Small helpers over htmlparser2's DOM, shared by the checks that read the
// built HTML files directly.
import {DomUtils, parseDocument} from 'htmlparser2';

export const parse = (html) => parseDocument(html);

export const all = (doc, test) => DomUtils.findAll(test, doc.children);

export const byTag = (doc, tag) => all(doc, (e) => e.name === tag);

export const text = (node) => DomUtils.textContent(node).replace(/\s+/g, ' ').trim();

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
