// The chat page, on the ChatClient module. Every text from the server is rendered as text, never as HTML.
import { ChatClient } from './chat-client.js';

const $ = (id) => document.getElementById(id);
const chat = new ChatClient();
// name -> { events: Map(id -> message), unread, mentions, kind, lastId, present: Set, oldest, complete, typing: Map }:
// every conversation of the user (the server's list, kept current by activity events) and every room joined
const rooms = new Map();
const PAGE = 50;
let current = 'lobby';
let editing = null;
let loadingOlder = false;

function room(name) {
    if (!rooms.has(name)) {
        rooms.set(name, {
            events: new Map(), unread: 0, mentions: 0, lastId: 0, present: new Set(), oldest: null, complete: false,
            typing: new Map(), kind: name === 'lobby' ? 'lobby' : name.startsWith('dm:') ? 'direct' : 'public',
        });
    }
    return rooms.get(name);
}

function say(problem) {
    $('problem').textContent = problem || '';
}

function item(text, className) {
    const li = document.createElement('li');
    if (text) li.textContent = text;
    if (className) li.className = className;
    return li;
}

function button(text, action, label) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (label) b.setAttribute('aria-label', label);
    b.onclick = action;
    return b;
}

function title(name) {
    if (!name.startsWith('dm:')) return name;
    const [, a, b] = name.split(':');
    return `@${a === chat.user ? b : a}`;
}

// --- what the server says ---

function apply(name, event) {
    const events = room(name).events;
    if (event.type === 'message') {
        events.set(event.id, { ...event });
    } else {
        const message = events.get(event.messageId);
        if (message && event.type === 'edited') Object.assign(message, { text: event.text, edited: true });
        if (message && event.type === 'retracted') Object.assign(message, { text: null, retracted: true });
    }
}

function addPage(name, events) {
    const shown = room(name);
    for (const event of events) {
        if (event.type === 'message' && !shown.events.has(event.id)) apply(name, event);
    }
    if (events.length) shown.oldest = Math.min(shown.oldest ?? Infinity, events[0].seq);
    if (events.length < PAGE) shown.complete = true;
}

async function loadNewest(name) {
    const shown = room(name);
    shown.events.clear();
    shown.oldest = null;
    shown.complete = false;
    try {
        addPage(name, await chat.history(name, { limit: PAGE }));
    } catch (problem) {
        say(problem.message);
    }
    render();
}

async function loadOlder() {
    const shown = room(current);
    if (loadingOlder || shown.complete || shown.oldest === null) return;
    loadingOlder = true;
    const scroller = $('scroller');
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    try {
        addPage(current, await chat.history(current, { before: shown.oldest, limit: PAGE }));
        render(false);
        scroller.scrollTop = scroller.scrollHeight - fromBottom;
    } catch (problem) {
        say(problem.message);
    } finally {
        loadingOlder = false;
    }
}

function markRead(name) {
    const seq = chat.rooms.get(name)?.lastSeq;
    Object.assign(room(name), { unread: 0, mentions: 0 });
    if (seq) chat.read(name, seq).catch(() => {});
}

function mentionsMe(event) {
    return (event.mentions || []).includes(chat.user);
}

// the server's list, exact when it comes; activity events keep it current until the next one
async function loadConversations() {
    try {
        for (const c of await chat.conversations({ limit: 200 })) {
            const shown = room(c.room);
            Object.assign(shown, { kind: c.kind, lastId: Math.max(shown.lastId, c.last?.id || 0) });
            if (!chat.rooms.has(c.room)) Object.assign(shown, { unread: c.unread, mentions: c.mentions });
        }
    } catch (problem) {
        say(problem.message);
    }
    render(false);
}

// the page's title carries what is unread everywhere, for a tab in the background
function retitle() {
    let unread = 0;
    for (const shown of rooms.values()) unread += shown.unread;
    document.title = unread ? `(${unread > 999 ? '999+' : unread}) Chat` : 'Chat';
}

function forget(name) {
    rooms.delete(name);
    if (current === name) {
        current = 'lobby';
        render();
    } else {
        render(false);
    }
}

chat.addEventListener('state', (e) => {
    $('state').textContent = e.detail.state;
    $('state').className = `state ${e.detail.state}`;
});

chat.addEventListener('welcome', (e) => {
    $('me').textContent = e.detail.user;
    $('signin').hidden = true;
    $('chat').hidden = false;
    $('logout').hidden = false;
    say('');
    render();
    loadConversations();
});

chat.addEventListener('joined', (e) => {
    const joined = e.detail;
    const shown = room(joined.room);
    shown.present = new Set(joined.present);
    if (joined.replayed === undefined) {
        shown.unread = joined.room === current ? 0 : joined.unread;
        shown.mentions = joined.room === current ? 0 : joined.mentions;
        loadNewest(joined.room);
    }
    if (joined.room === current) markRead(current);
    render();
});

chat.addEventListener('event', (e) => {
    const event = e.detail;
    apply(event.room, event);
    const shown = room(event.room);
    if (event.type === 'message') shown.lastId = Math.max(shown.lastId, event.id);
    if (event.type === 'message' && !event.own) {
        if (event.room === current && !document.hidden) markRead(current);
        else {
            shown.unread++;
            if (mentionsMe(event)) shown.mentions++;
        }
    }
    shown.typing.delete(event.user);
    render(event.room === current);
});

chat.addEventListener('presence', (e) => {
    const { room: name, user, state } = e.detail;
    if (state === 'joined') room(name).present.add(user);
    else room(name).present.delete(user);
    render(false);
});

chat.addEventListener('typing', (e) => {
    const { room: name, user } = e.detail;
    const typing = room(name).typing;
    clearTimeout(typing.get(user));
    typing.set(user, setTimeout(() => { typing.delete(user); render(false); }, 3000));
    render(false);
});

// a message in a conversation this connection has not joined: count it; a room new to the list brings the list
chat.addEventListener('activity', (e) => {
    const event = e.detail;
    const known = rooms.has(event.room);
    const shown = room(event.room);
    shown.lastId = Math.max(shown.lastId, event.id);
    if (event.user !== chat.user) {
        shown.unread++;
        if (mentionsMe(event)) shown.mentions++;
    }
    if (!known) loadConversations();
    render(false);
});

chat.addEventListener('left', (e) => forget(e.detail.room));

chat.addEventListener('invitation', (e) => {
    say(`${e.detail.by} invited you to ${e.detail.room}`);
    chat.join(e.detail.room).catch((problem) => say(problem.message));
});

chat.addEventListener('problem', (e) => say(`${e.detail.code}: ${e.detail.message}`));

chat.addEventListener('signedout', () => {
    rooms.clear();
    current = 'lobby';
    retitle();
    $('chat').hidden = true;
    $('logout').hidden = true;
    $('me').textContent = '';
    $('signin').hidden = false;
    say('You are signed out.');
});

document.addEventListener('visibilitychange', () => {
    if (!document.hidden && chat.state === 'connected') {
        markRead(current);
        render(false);
    }
});

// --- drawing ---

function badge(className, text, label) {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    span.setAttribute('aria-label', label);
    return span;
}

// newest activity first, then by name
function ordered() {
    return [...rooms.entries()].sort(([a, x], [b, y]) => y.lastId - x.lastId || (a < b ? -1 : a > b ? 1 : 0))
        .map(([name]) => name);
}

function render(scroll = true) {
    $('rooms').replaceChildren(...ordered().map((name) => {
        const shown = room(name);
        const li = item('', [name === current ? 'current' : '', shown.kind].join(' ').trim());
        const open = button(title(name), () => show(name));
        if (name === current) open.setAttribute('aria-current', 'true');
        if (shown.kind === 'private') open.append(' ', badge('marker', 'private', 'private room'));
        if (shown.mentions) open.append(' ', badge('mentions', `@${shown.mentions >= 1000 ? '999+' : shown.mentions}`,
            `${shown.mentions} ${shown.mentions === 1 ? 'mention' : 'mentions'}`));
        if (shown.unread) open.append(' ', badge('unread', shown.unread >= 1000 ? '999+' : String(shown.unread),
            `${shown.unread} unread`));
        li.append(open);
        return li;
    }));
    retitle();
    const shown = room(current);
    $('title').textContent = title(current);
    $('invite').hidden = current === 'lobby' || current.startsWith('dm:');
    $('leave').hidden = current === 'lobby';
    $('leave').textContent = current.startsWith('dm:') ? 'Close conversation' : 'Leave room';
    $('present').replaceChildren(...[...shown.present].sort().map((user) => item(user)));
    $('older').textContent = shown.complete ? 'The beginning of the room.' : '';
    const typists = [...shown.typing.keys()];
    $('typing').textContent = typists.length ? `${typists.join(', ')} ${typists.length > 1 ? 'are' : 'is'} typing…` : '';

    const messages = [...shown.events.values()].sort((a, b) => a.seq - b.seq).map(messageItem);
    const queued = chat.outbox.filter((waiting) => waiting.room === current)
        .map((waiting) => messageItem({ user: chat.user, text: waiting.text, own: true, pending: true }));
    $('messages').replaceChildren(...messages, ...queued);
    if (scroll) $('scroller').scrollTop = $('scroller').scrollHeight;
}

function messageItem(m) {
    const li = item('', [m.own ? 'own' : '', m.pending ? 'pending' : '', m.retracted ? 'retracted' : '',
        mentionsMe(m) ? 'mention' : ''].join(' ').trim());
    const who = document.createElement('strong');
    who.textContent = m.user;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = m.retracted ? 'message retracted' : m.text;
    if (m.sentAt) {
        const time = document.createElement('time');
        time.dateTime = m.sentAt;
        time.textContent = new Date(m.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
        li.append(time, ' ');
    }
    li.append(who, ' ', text);
    if (m.edited && !m.retracted) li.append(' ', Object.assign(document.createElement('em'), { textContent: '(edited)' }));
    if (m.pending) li.append(' ', Object.assign(document.createElement('em'), { textContent: '(sending…)' }));
    if (m.own && !m.retracted && !m.pending) {
        li.append(' ', button('Edit', () => startEdit(m), `Edit message: ${m.text}`),
            ' ', button('Retract', () => chat.retract(m.id).catch((p) => say(p.message)), `Retract message: ${m.text}`));
    }
    return li;
}

// a conversation from the list is joined when it is opened, and stays joined
async function show(name) {
    current = name;
    if (!chat.rooms.has(name)) {
        try {
            await chat.join(name);
        } catch (problem) {
            say(problem.message);
        }
    }
    markRead(name);
    render();
    $('text').focus();
}

function startEdit(message) {
    editing = message;
    $('text').value = message.text;
    $('send').textContent = 'Save';
    $('cancel').hidden = false;
    $('text').focus();
}

function stopEdit() {
    editing = null;
    $('text').value = '';
    $('send').textContent = 'Send';
    $('cancel').hidden = true;
}

// --- what the user does ---

async function signIn(register) {
    const user = $('user').value;
    const password = $('password').value;
    try {
        await (register ? chat.register(user, password) : chat.signIn(user, password));
        $('password').value = '';
        chat.connect();
    } catch (problem) {
        say(problem.message);
    }
}

$('signin').onsubmit = (e) => { e.preventDefault(); signIn(false); };
$('register').onclick = () => { if ($('signin').reportValidity()) signIn(true); };
$('logout').onclick = () => chat.signOut().catch((problem) => say(problem.message));

$('join').onsubmit = async (e) => {
    e.preventDefault();
    const name = $('room').value;
    try {
        await chat.join(name, { private: $('private').checked });
        $('room').value = '';
        $('private').checked = false;
        show(name);
    } catch (problem) {
        say(problem.message);
    }
};

$('direct').onsubmit = async (e) => {
    e.preventDefault();
    const peer = $('peer').value;
    $('peer-problem').textContent = '';
    try {
        await chat.direct(peer);
        $('peer').value = '';
        show(chat.directRoom(peer));
    } catch (problem) {
        $('peer-problem').textContent = problem.code === 'not_found' ? `Nobody is called ${peer}.` : problem.message;
    }
};

$('leave').onclick = async () => {
    const name = current;
    // leaving a private room ends the access to it: only a new invitation lets the user back in
    if (room(name).kind === 'private' && !confirm(`Leave ${name}? You will need a new invitation to come back.`)) return;
    try {
        await chat.leave(name);
        forget(name);
    } catch (problem) {
        say(problem.message);
    }
};

$('invite').onsubmit = async (e) => {
    e.preventDefault();
    try {
        await chat.invite(current, $('invitee').value);
        say(`${$('invitee').value} may now join ${current}`);
        $('invitee').value = '';
    } catch (problem) {
        say(problem.message);
    }
};

$('compose').onsubmit = (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (editing) {
        chat.edit(editing.id, text).catch((problem) => say(problem.message));
        stopEdit();
        return;
    }
    // queued while offline, delivered once connected again
    chat.send(current, text).then(() => render(), (problem) => { say(problem.message); render(); });
    $('text').value = '';
    render();
};
$('cancel').onclick = stopEdit;
$('text').oninput = () => { if (!editing) chat.typing(current); };
$('text').onkeydown = (e) => { if (e.key === 'Escape' && editing) stopEdit(); };
$('scroller').onscroll = () => { if ($('scroller').scrollTop < 40) loadOlder(); };

if (await chat.currentUser()) {
    chat.connect();
} else {
    $('signin').hidden = false;
}
