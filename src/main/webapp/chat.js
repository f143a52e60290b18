// A first front end on the chat protocol (docs/protocol.md). Text is always rendered as text.
const $ = (id) => document.getElementById(id);
const base = location.pathname.replace(/[^/]*$/, '');
const rooms = new Map(); // name -> { events: Map(seq -> event), present: Set }
let socket = null;
let me = null;
let current = 'lobby';
let nextRef = 1;

function show(state) {
    $('state').textContent = state;
    $('state').className = 'state ' + state;
}

function room(name) {
    if (!rooms.has(name)) rooms.set(name, { events: new Map(), present: new Set() });
    return rooms.get(name);
}

function request(frame) {
    socket.send(JSON.stringify({ ...frame, ref: String(nextRef++) }));
}

// The sign-in sets an HttpOnly cookie of this origin, which the handshake carries by itself.
function connect(user) {
    me = user;
    show('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}${base}chat`);
    socket.onopen = () => { show('connected'); $('signin').hidden = true; $('chat').hidden = false; $('logout').hidden = false; };
    socket.onclose = (e) => {
        show('offline');
        if (e.code === 4401) signedOut(e.reason || 'Signed out.');
        else if (e.code !== 1000) $('problem').textContent = `Disconnected (${e.code}).`;
    };
    socket.onmessage = (e) => receive(JSON.parse(e.data));
}

function signedOut(why) {
    me = null;
    rooms.clear();
    $('chat').hidden = true;
    $('logout').hidden = true;
    $('signin').hidden = false;
    $('problem').textContent = why;
}

async function post(path, body) {
    const response = await fetch(`${base}api/${path}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    return { ok: response.ok, body: await response.json().catch(() => ({})) };
}

async function signIn(register) {
    const credentials = { user: $('user').value, password: $('password').value };
    if (register) {
        const registered = await post('users', credentials);
        if (!registered.ok) { $('problem').textContent = registered.body.message; return; }
    }
    const session = await post('sessions', credentials);
    if (!session.ok) { $('problem').textContent = session.body.message; return; }
    $('password').value = '';
    $('problem').textContent = '';
    connect(session.body.user);
}

async function resumeSession() {
    const response = await fetch(`${base}api/sessions/current`);
    if (response.ok) connect((await response.json()).user);
    else $('signin').hidden = false;
}

async function loadHistory(name, lastSeq) {
    const response = await fetch(`${base}api/rooms/${encodeURIComponent(name)}/messages?limit=100`);
    if (!response.ok) return;
    for (const event of await response.json()) {
        if (event.seq <= lastSeq) apply(name, { ...event, own: event.user === me });
    }
    render();
}

function apply(name, event) {
    const events = room(name).events;
    events.set(event.seq, event);
    for (const e of events.values()) {
        if (e.id !== event.messageId) continue;
        if (event.type === 'retracted') { e.text = null; e.retracted = true; }
        if (event.type === 'edited') { e.text = event.text; e.edited = true; }
    }
}

function receive(frame) {
    switch (frame.type) {
        case 'joined':
            room(frame.room).present = new Set(frame.present);
            loadHistory(frame.room, frame.lastSeq);
            break;
        case 'left':
            rooms.delete(frame.room);
            if (current === frame.room) current = 'lobby';
            break;
        case 'message':
        case 'edited':
        case 'retracted':
            apply(frame.room, frame);
            break;
        case 'presence':
            if (frame.state === 'joined') room(frame.room).present.add(frame.user);
            else room(frame.room).present.delete(frame.user);
            break;
        case 'error':
            $('problem').textContent = `${frame.code}: ${frame.message}`;
            break;
    }
    render();
}

function item(text, className) {
    const li = document.createElement('li');
    li.textContent = text;
    if (className) li.className = className;
    return li;
}

function render() {
    $('rooms').replaceChildren(...[...rooms.keys()].map((name) => {
        const li = item(name, name === current ? 'current' : '');
        li.tabIndex = 0;
        li.onclick = li.onkeydown = (e) => { if (!e.key || e.key === 'Enter') { current = name; render(); } };
        return li;
    }));
    const shown = room(current);
    $('present').replaceChildren(...[...shown.present].sort().map((user) => item(user)));
    const messages = [...shown.events.values()].filter((e) => e.type === 'message').sort((a, b) => a.seq - b.seq);
    $('messages').replaceChildren(...messages.map((m) => {
        const li = item('', m.own ? 'own' : '');
        const who = document.createElement('strong');
        who.textContent = m.user;
        const text = document.createElement('span');
        text.textContent = m.retracted ? 'message retracted' : m.text + (m.edited ? ' (edited)' : '');
        if (m.retracted) text.className = 'retracted';
        li.append(who, ' ', text);
        if (m.own && !m.retracted) {
            const retract = document.createElement('button');
            retract.textContent = 'Retract';
            retract.onclick = () => request({ type: 'retract', id: m.id });
            li.append(' ', retract);
        }
        return li;
    }));
    $('messages').lastElementChild?.scrollIntoView({ block: 'end' });
}

$('signin').onsubmit = (e) => { e.preventDefault(); signIn(false); };
$('register').onclick = () => { if ($('signin').reportValidity()) signIn(true); };
$('logout').onclick = () => fetch(`${base}api/sessions/current`, { method: 'DELETE' });
resumeSession();
$('join').onsubmit = (e) => {
    e.preventDefault();
    current = $('room').value;
    request({ type: 'join', room: current });
    $('room').value = '';
};
$('compose').onsubmit = (e) => {
    e.preventDefault();
    request({ type: 'send', room: current, text: $('text').value });
    $('text').value = '';
};
