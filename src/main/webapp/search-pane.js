// The search pane: what the user may read that matches, newest or most relevant first, each result marked where it
// matches (the server gives offsets; the text stays text) and opening its room at that message.
import { $, chat, view } from './state.js';
import { closeThread } from './thread-pane.js';

const PAGE = 20;
const state = { q: '', options: {}, offset: 0, open: () => {} };

/** What a click on a result does: `open(room, seq, id)`; set by the page. */
export function onResult(open) {
    state.open = open;
}

export function openSearch() {
    closeThread();
    $('chat').classList.add('search-open');
    $('search-pane').hidden = false;
    $('search-text').focus();
}

export function closeSearch() {
    $('chat').classList.remove('search-open');
    $('search-pane').hidden = true;
}

function marked(text, matches) {
    const parts = [];
    let at = 0;
    for (const [start, end] of matches) {
        if (start < at) continue;
        parts.push(text.slice(at, start), Object.assign(document.createElement('mark'), { textContent: text.slice(start, end) }));
        at = end;
    }
    parts.push(text.slice(at));
    return parts;
}

function resultItem(hit) {
    const li = document.createElement('li');
    const go = document.createElement('button');
    go.type = 'button';
    go.className = 'result';
    const when = new Date(hit.sentAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    const where = Object.assign(document.createElement('span'), { className: 'where', textContent: `${hit.room} · ${hit.user} · ${when}` });
    const text = Object.assign(document.createElement('span'), { className: 'found' });
    text.append(...marked(hit.text, hit.matches));
    go.append(where, text);
    go.onclick = () => state.open(hit.room, hit.seq, hit.id);
    li.append(go);
    return li;
}

async function run(more) {
    if (!more) {
        state.q = $('search-text').value.trim();
        state.options = { sort: $('search-sort').value, room: $('search-here').checked ? view.current : '', limit: PAGE };
        state.offset = 0;
        $('search-results').replaceChildren();
    }
    if (!state.q) return;
    $('search-status').textContent = 'Searching…';
    try {
        const found = await chat.search(state.q, { ...state.options, offset: state.offset || '' });
        state.offset += found.results.length;
        $('search-results').append(...found.results.map(resultItem));
        $('search-more').hidden = !found.more;
        const shown = $('search-results').children.length;
        $('search-status').textContent = shown ? `${shown}${found.more ? '+' : ''} ${shown === 1 ? 'message' : 'messages'} found` : 'Nothing found.';
    } catch (problem) {
        $('search-status').textContent = problem.code === 'invalid_field' ? problem.message.replace(/^q: /, '')
            : problem.code === 'rate_limited' ? 'Slow down a little, then search again.' : problem.message;
    }
}

$('search-open').onclick = openSearch;
$('search-close').onclick = closeSearch;
$('search-form').onsubmit = (e) => { e.preventDefault(); run(false); };
$('search-more').onclick = () => run(true);
$('search-text').onkeydown = (e) => { if (e.key === 'Escape') closeSearch(); };
