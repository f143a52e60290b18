// The side pane of one thread: the message it hangs from and its replies, kept current by the room's events,
// with a box to answer in the thread.
import { $, chat, say } from './state.js';
import { messageItem } from './message-list.js';
import { applyEvent } from './timeline.js';

const LIMIT = 200;
const pane = { room: null, id: null, events: new Map(), actions: {} };

export function threadActions(actions) {
    pane.actions = actions;
}

export function openThreadOf() {
    return pane.room && { room: pane.room, id: pane.id };
}

export async function openThread(name, root) {
    $('chat').classList.remove('search-open');
    $('search-pane').hidden = true;
    Object.assign(pane, { room: name, id: root.thread || root.id, events: new Map() });
    $('chat').classList.add('thread-open');
    $('thread-pane').hidden = false;
    $('thread-status').textContent = 'Loading the thread…';
    renderThread();
    try {
        const page = await chat.thread(name, pane.id, { limit: LIMIT });
        for (const event of page) applyEvent(pane.events, event, chat.user);
        $('thread-status').textContent = page.length === LIMIT ? `The newest ${LIMIT - 1} replies.` : '';
    } catch (problem) {
        $('thread-status').textContent = problem.message;
    }
    renderThread();
    $('thread-text').focus();
}

export function closeThread() {
    Object.assign(pane, { room: null, id: null, events: new Map() });
    $('chat').classList.remove('thread-open');
    $('thread-pane').hidden = true;
}

export function renderThread() {
    if (!pane.room) return;
    const messages = [...pane.events.values()].sort((a, b) => a.seq - b.seq);
    $('thread-list').replaceChildren(...messages.map((m) => messageItem(m, { me: chat.user, inThread: true, ...pane.actions })));
    const root = pane.events.get(pane.id);
    $('thread-title').textContent = root ? `Thread · ${root.replies || 0} ${root.replies === 1 ? 'reply' : 'replies'}` : 'Thread';
    const list = $('thread-scroller');
    list.scrollTop = list.scrollHeight;
}

chat.addEventListener('event', (e) => {
    const event = e.detail;
    if (event.room !== pane.room) return;
    const belongs = event.type === 'message' ? event.thread === pane.id : pane.events.has(event.messageId);
    if (!belongs) return;
    applyEvent(pane.events, event, chat.user);
    renderThread();
});

chat.addEventListener('left', (e) => {
    if (e.detail.room === pane.room) closeThread();
});

$('thread-close').onclick = closeThread;
$('thread-compose').onsubmit = (e) => {
    e.preventDefault();
    const text = $('thread-text').value;
    if (!text.trim() || !pane.room) return;
    // the thread's first message, unless it was retracted: then its newest live reply
    const root = pane.events.get(pane.id);
    const live = [...pane.events.values()].filter((m) => !m.retracted).sort((a, b) => b.seq - a.seq)[0];
    const replyTo = root && !root.retracted ? pane.id : live?.id;
    if (!replyTo) {
        say('Every message of this thread was retracted: it takes no more replies.');
        return;
    }
    // the main list shows it as sending until its ack: it is drawn again then
    chat.send(pane.room, text, { replyTo }).catch((problem) => say(problem.message))
        .finally(() => pane.actions.sent?.());
    $('thread-text').value = '';
};
$('thread-text').onkeydown = (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        $('thread-compose').requestSubmit();
    }
    if (e.key === 'Escape') closeThread();
};
