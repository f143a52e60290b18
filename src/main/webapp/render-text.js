// A message's text as DOM nodes, built with createElement and textContent only: user text never passes
// through innerHTML. A small Markdown subset: ``` fenced code blocks ```, "> " quote lines, `inline code`,
// **bold**, *italic* or _italic_; http(s) links become links (any other scheme stays text); @name is marked,
// and @you stands out.

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\s][^*\n]*\*)|(\b_[^_\s][^_\n]*_\b)|(https?:\/\/[^\s<>"']+)|((?<![A-Za-z0-9._-])@[A-Za-z0-9._-]{1,32})/g;
const TRAILING = /[.,;:!?)\]'"]+$/;

function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
}

function link(url) {
    let parsed;
    try {
        parsed = new URL(url);
    } catch {
        return document.createTextNode(url);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return document.createTextNode(url);
    const a = element('a', '', url);
    a.href = parsed.href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
}

function inline(text, me, into) {
    let at = 0;
    for (const match of text.matchAll(INLINE)) {
        let token = match[0];
        let rest = '';
        if (match[5]) {
            rest = (token.match(TRAILING) || [''])[0];
            token = token.slice(0, token.length - rest.length);
        }
        into.append(text.slice(at, match.index));
        if (match[1]) into.append(element('code', '', token.slice(1, -1)));
        else if (match[2]) into.append(element('strong', '', token.slice(2, -2)));
        else if (match[3] || match[4]) into.append(element('em', 'italic', token.slice(1, -1)));
        else if (match[5]) into.append(link(token));
        else {
            const name = token.slice(1).replace(/[._-]+$/, '');
            const mine = me && name.toLowerCase() === me.toLowerCase();
            into.append(element('span', mine ? 'at me' : 'at', token));
        }
        into.append(rest);
        at = match.index + match[0].length;
    }
    into.append(text.slice(at));
}

/** The nodes that show `text`; `me` is the signed-in user's name, whose mentions stand out. */
export function renderText(text, me) {
    const out = document.createDocumentFragment();
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        if (lines[i].startsWith('```')) {
            const code = [];
            for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
            out.append(element('pre', '', '')); // a fence left open runs to the end, as in most chats
            out.lastChild.append(element('code', '', code.join('\n')));
            continue;
        }
        if (lines[i].startsWith('>')) {
            const quote = element('blockquote');
            for (let first = true; i < lines.length && lines[i].startsWith('>'); i++, first = false) {
                if (!first) quote.append(element('br'));
                inline(lines[i].replace(/^> ?/, ''), me, quote);
            }
            i--;
            out.append(quote);
            continue;
        }
        if (out.lastChild && out.lastChild.nodeName !== 'PRE' && out.lastChild.nodeName !== 'BLOCKQUOTE') {
            out.append(element('br'));
        }
        inline(lines[i], me, out);
    }
    return out;
}
