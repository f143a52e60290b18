// What the server says, applied to the page: history pages, read positions, the conversation list and the
// events that keep it current, and opening a conversation.
import { $, PAGE, chat, mentionsMe, room, rooms, say, view } from './state.js';
import { render } from './view.js';
import { notify, retitle } from './notify.js';
import { preview } from './forms.js';
import { actText } from './message-list.js';
import { applyEvent } from './timeline.js';

function apply(name, event) {
    applyEvent(room(name).events, event, chat.user);
}

function addPage(name, events) {
    const shown = room(name);
    for (const event of events) {
        if ((event.type === 'message' || event.type === 'moderation') && !shown.events.has(event.id)) apply(name, event);
    }
    if (events.length) shown.oldest = Math.min(shown.oldest ?? Infinity, events[0].seq);
    if (events.length < PAGE) shown.complete = true;
}

async function loadNewest(name) {
    const shown = room(name);
    shown.events.clear();
    shown.oldest = null;
    shown.complete = false;
    if (name === view.current) $('older').textContent = 'Loading messages…';
    try {
        const page = await chat.history(name, { limit: PAGE });
        if (shown.detached) return; // opened at an older message meanwhile
        addPage(name, page);
    } catch (problem) {
        say(problem.message);
    }
    render(name === view.current ? 'bottom' : 'keep');
}

/** Loads the page of history before the oldest message shown, keeping the view where it is. */
export async function loadOlder() {
    const shown = room(view.current);
    if (view.loadingOlder || shown.complete || shown.oldest === null) return;
    view.loadingOlder = true;
    $('older').textContent = 'Loading older messages…';
    const scroller = $('scroller');
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    try {
        addPage(view.current, await chat.history(view.current, { before: shown.oldest, limit: PAGE }));
        render('keep');
        scroller.scrollTop = scroller.scrollHeight - fromBottom;
    } catch (problem) {
        say(problem.message);
    } finally {
        view.loadingOlder = false;
        render('keep');
    }
}

export function markRead(name) {
    const shown = room(name);
    const seq = chat.rooms.get(name)?.lastSeq;
    Object.assign(shown, { unread: 0, mentions: 0 });
    if (seq) {
        shown.readSeq = Math.max(shown.readSeq, seq);
        chat.read(name, seq).catch(() => {});
    }
}

// the server's list, exact when it comes; activity events keep it current until the next one
async function loadConversations() {
    try {
        for (const c of await chat.conversations({ limit: 200 })) {
            const shown = room(c.room);
            Object.assign(shown, { kind: c.kind, lastId: Math.max(shown.lastId, c.last?.id || 0) });
            if (!chat.rooms.has(c.room)) Object.assign(shown, { unread: c.unread, mentions: c.mentions, readSeq: c.readSeq });
        }
    } catch (problem) {
        say(problem.message);
    }
    render('keep');
}

/** The user left the room (here or on another device): it goes from the list. */
export function forget(name) {
    rooms.delete(name);
    if (view.current === name) {
        view.current = 'lobby';
        render('bottom');
    } else {
        render('keep');
    }
}

/** Opens a conversation: joined when first opened, and it stays joined; the line marks what was unread. */
export async function show(name) {
    view.current = name;
    view.found = null;
    const shown = room(name);
    if (shown.detached) backToNewest(name);
    shown.unreadAfter = shown.unread ? shown.readSeq : null;
    $('chat').classList.remove('drawer-open');
    $('drawer').setAttribute('aria-expanded', 'false');
    if (!chat.rooms.has(name)) {
        try {
            await chat.join(name);
        } catch (problem) {
            say(problem.message);
        }
    }
    markRead(name);
    render('bottom');
    $('text').focus();
}

/**
 * Opens a room at an older message (a search result): the page of history around it, the message marked, and
 * the room's newest messages one click away ("Back to the newest"); new ones are counted meanwhile, not drawn.
 */
export async function showAt(name, seq, id) {
    const shown = room(name);
    shown.detached = true;
    await show(name);
    shown.detached = true;
    view.found = id;
    shown.events.clear();
    shown.oldest = null;
    shown.complete = false;
    try {
        addPage(name, await chat.history(name, { before: seq + PAGE / 2, limit: PAGE }));
    } catch (problem) {
        say(problem.message);
    }
    render('keep');
    document.querySelector(`#messages li[data-id="${id}"]`)?.scrollIntoView({ block: 'center' });
    $('jump').hidden = false;
    $('jump').textContent = 'Back to the newest ↓';
}

/** Leaves the older messages a search opened for the room's newest ones. */
export function backToNewest(name) {
    room(name).detached = false;
    view.found = null;
    $('jump').textContent = 'New messages ↓';
    loadNewest(name);
}

// a direct message or a mention, while the tab is hidden
function tell(event) {
    if (event.type === 'message' && (event.user === chat.user || (!event.room.startsWith('dm:') && !mentionsMe(event)))) {
        return;
    }
    const where = event.room.startsWith('dm:') ? event.user : `${event.user} in ${event.room}`;
    notify(where, preview(event.text ?? event.preview ?? ''), event.room, () => show(event.room));
}

chat.addEventListener('welcome', () => loadConversations());

chat.addEventListener('joined', (e) => {
    const joined = e.detail;
    const shown = room(joined.room);
    shown.present = new Set(joined.present);
    if (joined.replayed === undefined) {
        shown.readSeq = joined.readSeq;
        shown.unread = joined.room === view.current ? 0 : joined.unread;
        shown.mentions = joined.room === view.current ? 0 : joined.mentions;
        loadNewest(joined.room);
    }
    if (joined.room === view.current) markRead(view.current);
    render('keep');
});

chat.addEventListener('event', (e) => {
    const event = e.detail;
    const shown = room(event.room);
    // opened at an older message: a new one would follow it with a gap; it is there once back to the newest
    if (!(shown.detached && event.type === 'message')) apply(event.room, event);
    if (event.type === 'message') shown.lastId = Math.max(shown.lastId, event.id);
    if (event.type === 'message' && !event.own) {
        if (event.room === view.current && !document.hidden) markRead(view.current);
        else {
            shown.unread++;
            if (mentionsMe(event)) shown.mentions++;
        }
        if (event.room === view.current) $('announce').textContent = `${event.user}: ${preview(event.text)}`;
        tell(event);
    }
    if (event.type === 'moderation' && event.target === chat.user) say(`In ${event.room}: ${actText(event)}`);
    shown.typing.delete(event.user);
    render(event.room === view.current ? (event.own ? 'bottom' : 'follow') : 'keep');
});

// messages in a conversation this connection has not joined: count them; a room new to the list brings the list
chat.addEventListener('activity', (e) => {
    const event = e.detail;
    const known = rooms.has(event.room);
    const shown = room(event.room);
    shown.lastId = Math.max(shown.lastId, event.id);
    shown.unread += event.newMessages;
    shown.mentions += event.newMentions;
    if (event.newMentions || (event.room.startsWith('dm:') && event.newMessages)) tell(event);
    if (!known) loadConversations();
    render('keep');
});

chat.addEventListener('left', (e) => {
    const { room: name, reason } = e.detail;
    forget(name);
    if (reason) say(`You were ${reason === 'banned' ? 'banned from' : 'removed from'} ${name} by a moderator.`);
});

chat.addEventListener('presence', (e) => {
    const { room: name, user, state } = e.detail;
    if (state === 'joined') room(name).present.add(user);
    else room(name).present.delete(user);
    render('keep');
});

chat.addEventListener('typing', (e) => {
    const { room: name, user } = e.detail;
    const typing = room(name).typing;
    clearTimeout(typing.get(user));
    typing.set(user, setTimeout(() => { typing.delete(user); render('keep'); }, 3000));
    render('keep');
});

// an invitation makes the user a member: the room comes into the list
chat.addEventListener('invitation', (e) => {
    say(`${e.detail.by} invited you to ${e.detail.room}`);
    loadConversations();
});

chat.addEventListener('signedout', () => {
    rooms.clear();
    view.current = 'lobby';
    retitle(0);
});

document.addEventListener('visibilitychange', () => {
    if (!document.hidden && chat.state === 'connected') {
        markRead(view.current);
        render('keep');
    }
});
