// A client of the chat protocol (docs/protocol.md) for browsers: a plain ES module without dependencies.
//
//   import { ChatClient } from './chat-client.js';
//   const chat = new ChatClient();                  // the server this page came from, signed in by cookie
//   await chat.signIn('alice', 'correct horse');
//   chat.addEventListener('event', (e) => console.log(e.detail));   // message, edited, retracted, reaction, moderation
//   chat.connect();
//   await chat.join('team');
//   await chat.send('team', 'hello');               // resolves with the ack, once the server stored it
//   await chat.send('team', 'me!', { replyTo: 1093 });      // a reply, in message 1093's thread
//   await chat.react(1093, '👍');  await chat.unreact(1093, '👍');
//   const page = await chat.thread('team', 1093);  // the message and its replies, oldest first
//
// It reconnects on its own with backoff, resumes every room from the last seq it saw, and keeps sends
// made while offline (each with a clientId, so a resend is never stored twice) until they are acked.
//
// It also keeps the user's conversation list (rooms it is a member of, DMs with a message) current:
//
//   const list = await chat.conversations();       // [{ room, kind, with, last, unread, mentions, … }]
//   chat.addEventListener('activity', (e) => …);   // from then on: new messages in rooms not joined here
//   chat.addEventListener('left', (e) => …);       // the user left a room from another tab or device, or a
//                                                  // moderator took it out (detail.reason: kicked, banned)
//
// The account: `await chat.setDisplayName('Alice B.')` sets the name others see beside `alice`, and
// `await chat.profiles(['bob', 'carol'])` looks theirs up; `await chat.changePassword(current, next)` signs
// out the user's other devices;
// `await chat.closeAccount(password)` closes it. A device signed out gets `signedout` with the server's
// reason (`password changed`, `account closed`, `signed out`, `session expired`) in `detail.reason`.
//
// Events (CustomEvent, data in `detail`): state, welcome, joined, event, presence, typing, receipt,
// invitation, activity, left, reset, signedout, problem.

const TYPING_INTERVAL_MS = 2000;
const MAX_BACKOFF_MS = 30000;

export class ChatClient extends EventTarget {
    /**
     * @param {object} [options]
     * @param {string|URL} [options.base] where the chat is served (the page's own directory by default)
     * @param {string} [options.token] a bearer token, for a page of another origin: the client then opens
     *        each connection with a one-time ticket instead of the cookie
     */
    constructor({ base = new URL('./', location.href), token = null } = {}) {
        super();
        this.base = new URL(base);
        this.token = token;
        this.user = null;
        this.state = 'offline';
        this.rooms = new Map();        // room -> { lastSeq, private } for every room joined
        this.pending = new Map();      // ref -> { resolve, reject }
        this.unsent = [];              // sends not acked yet, in order: { frame, resolve, reject }
        this.lastTyping = new Map();
        this.nextRef = 1;
        this.attempt = 0;
        this.socket = null;
        this.opening = false;
        this.wanted = false;
        this.retryTimer = null;
        addEventListener('online', () => { if (this.wanted) this.open(); });
        addEventListener('offline', () => { if (this.socket) this.socket.close(1000, 'offline'); });
    }

    // --- accounts (HTTP) ---

    async register(user, password) {
        await this.http('POST', 'api/users', { user, password });
        return this.signIn(user, password);
    }

    async signIn(user, password) {
        const session = await this.http('POST', 'api/sessions', { user, password });
        this.user = session.user;
        return session.user;
    }

    /** The signed-in user (by cookie or token), or null. */
    async currentUser() {
        try {
            this.user = (await this.http('GET', 'api/sessions/current')).user;
        } catch (problem) {
            if (problem.status !== 401) throw problem;
            this.user = null;
        }
        return this.user;
    }

    /** Ends the session; the server closes its connections with 4401. */
    async signOut() {
        this.wanted = false;
        await this.http('DELETE', 'api/sessions/current');
        this.user = null;
    }

    /** A new password, proven by the current one; the user's other sessions end (their sockets close with 4401). */
    async changePassword(password, newPassword) {
        await this.http('PUT', 'api/users/me/password', { password, newPassword });
    }

    /** Closes the account, proven by its password: every session ends, this one too (its socket closes with 4401). */
    async closeAccount(password) {
        await this.http('POST', 'api/users/me/close', { password });
    }

    /** Sets the name the user is shown as (`null` clears it); resolves with `{ user, displayName }`. */
    setDisplayName(displayName) {
        return this.http('PUT', 'api/users/me/profile', { displayName });
    }

    /** The display names of up to 100 users, as `[{ user, displayName }]`; unknown names are left out. */
    async profiles(names) {
        return (await this.http('GET', `api/users?names=${names.map(encodeURIComponent).join(',')}`)).users;
    }

    /**
     * Uploads a file (a File or Blob) into a room, to be sent with a message: `send(room, text, { attachment: id })`.
     * Resolves with `{ id, name, type, size, image }`; files over the server's limit (10 MB by default) are refused.
     */
    async upload(room, file, name = file.name) {
        const headers = { 'Content-Type': file.type || 'application/octet-stream' };
        if (this.token) headers.Authorization = `Bearer ${this.token}`;
        const url = new URL(`api/rooms/${encodeURIComponent(room)}/files?name=${encodeURIComponent(name || 'file')}`, this.base);
        const response = await fetch(url, { method: 'POST', headers, body: file });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
            throw Object.assign(new Error(answer.message || `HTTP ${response.status}`), { status: response.status, code: answer.code });
        }
        return answer;
    }

    /**
     * Searches the messages the user may read (docs/protocol.md, section 8): `q` as typed; `room`, `user`, `from`,
     * `to`, `sort` ('newest' or 'relevance'), `limit`, `offset` optional. Resolves with `{ results, more }`.
     */
    search(q, options = {}) {
        const query = new URLSearchParams({ q });
        for (const [name, value] of Object.entries(options)) if (value) query.set(name, value);
        return this.http('GET', `api/search?${query}`);
    }

    async http(method, path, body) {
        const headers = body ? { 'Content-Type': 'application/json' } : {};
        if (this.token) headers.Authorization = `Bearer ${this.token}`;
        const response = await fetch(new URL(path, this.base), {
            method, headers, body: body ? JSON.stringify(body) : undefined,
        });
        const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
        if (!response.ok) {
            throw Object.assign(new Error(answer.message || `HTTP ${response.status}`),
                { status: response.status, code: answer.code });
        }
        return answer;
    }

    // --- the connection ---

    /** Connects, and keeps reconnecting after any loss until close() or the end of the session. */
    connect() {
        this.wanted = true;
        this.open();
    }

    close() {
        this.wanted = false;
        clearTimeout(this.retryTimer);
        if (this.socket) this.socket.close(1000, 'bye');
        this.setState('offline');
    }

    async open() {
        if (this.socket || this.opening || !this.wanted) return;
        clearTimeout(this.retryTimer);
        if (navigator.onLine === false) {
            this.setState('offline');
            return;
        }
        this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
        const url = new URL('chat', this.base);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const lobby = this.rooms.get('lobby');
        if (lobby) url.searchParams.set('after', lobby.lastSeq);
        this.opening = true;
        try {
            if (this.token) url.searchParams.set('ticket', (await this.http('POST', 'api/sessions/current/tickets')).ticket);
        } catch (problem) {
            this.lost(problem.status === 401 ? 4401 : 1006, false);
            return;
        } finally {
            this.opening = false;
        }
        const socket = new WebSocket(url);
        this.socket = socket;
        let opened = false;
        socket.onopen = () => { opened = true; };
        socket.onmessage = (e) => this.receive(JSON.parse(e.data));
        socket.onclose = (e) => { if (this.socket === socket) this.lost(e.code, opened, e.reason); };
    }

    async lost(code, opened, reason = '') {
        this.socket = null;
        for (const { reject } of this.pending.values()) reject(new Error('connection lost'));
        this.pending.clear();
        // a refused handshake shows as 1006 without a reason: ask whether the session is still there
        const signedOut = code === 4401 || (!opened && this.wanted && !(await this.currentUser().catch(() => true)));
        if (signedOut) {
            this.wanted = false;
            this.setState('offline');
            this.dispatch('signedout', { code, reason });
            return;
        }
        if (!this.wanted) {
            this.setState('offline');
            return;
        }
        this.setState(navigator.onLine === false ? 'offline' : 'reconnecting');
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
        this.retryTimer = setTimeout(() => this.open(), delay);
    }

    setState(state) {
        if (this.state === state) return;
        this.state = state;
        this.dispatch('state', { state });
    }

    dispatch(type, detail) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }

    // --- requests ---

    /** Joins a room, or creates a private one; resolves with the `joined` reply. */
    join(room, { private: makePrivate = false } = {}) {
        const known = this.rooms.get(room);
        const frame = { type: 'join', room, receipts: false };
        if (makePrivate) frame.private = true;
        if (known) frame.after = known.lastSeq;
        return this.request(frame);
    }

    /** Leaves the room for good: the user's membership ends, on every device. */
    leave(room) {
        this.rooms.delete(room);
        return this.request({ type: 'leave', room });
    }

    /** Stops receiving the room's events on this connection only; the user stays a member. */
    unsubscribe(room) {
        this.rooms.delete(room);
        return this.request({ type: 'leave', room, keepMembership: true });
    }

    /** The user's conversations, newest activity first (docs/protocol.md, section 4); `more` when cut. */
    async conversations({ limit = 50 } = {}) {
        const reply = await this.request({ type: 'conversations', limit });
        return Object.assign(reply.conversations, { more: reply.more });
    }

    /** Starts a direct conversation with another user: joins the DM room (an unknown name is `not_found`). */
    direct(other) {
        return this.join(this.directRoom(other));
    }

    /**
     * Sends a message; resolves with its `ack` once stored. While offline it waits, and it is sent again
     * after a reconnect until acked: the clientId makes the server store it once.
     */
    send(room, text, { replyTo, attachment } = {}) {
        const frame = { type: 'send', room, text, clientId: crypto.randomUUID() };
        if (replyTo) frame.replyTo = replyTo;
        if (attachment) frame.attachment = attachment;
        return new Promise((resolve, reject) => {
            const entry = { frame, resolve, reject };
            this.unsent.push(entry);
            if (this.state === 'connected') this.transmit(entry);
        });
    }

    /** Messages waiting for their ack, oldest first: { room, text, clientId, replyTo }. */
    get outbox() {
        return this.unsent.map(({ frame }) => ({ room: frame.room, text: frame.text, clientId: frame.clientId,
            replyTo: frame.replyTo }));
    }

    /** Puts an emoji on a message; resolves with the ack of the `reaction` event. */
    react(id, emoji) {
        return this.request({ type: 'react', id, emoji });
    }

    unreact(id, emoji) {
        return this.request({ type: 'unreact', id, emoji });
    }

    /** A page of message `id`'s thread (the message, then its replies) before `before`, oldest first. */
    async thread(room, id, { before, limit = 50 } = {}) {
        const frame = { type: 'history', room, thread: id, limit };
        if (before) frame.before = before;
        return (await this.request(frame)).events;
    }

    edit(id, text) {
        return this.request({ type: 'edit', id, text });
    }

    retract(id) {
        return this.request({ type: 'retract', id });
    }

    /**
     * A moderator's act (docs/protocol.md, Moderation): `action` is kick, ban, unban, mute, unmute, promote or
     * demote; `duration` (seconds) and `reason` are optional. Resolves with the ack of the stored event.
     */
    moderate(room, action, user, { duration, reason } = {}) {
        const frame = { type: 'moderate', room, action, user };
        if (duration) frame.duration = duration;
        if (reason) frame.reason = reason;
        return this.request(frame);
    }

    invite(room, user) {
        return this.request({ type: 'invite', room, user });
    }

    /** A page of events before `before` (the newest when absent), oldest first. */
    async history(room, { before, limit = 50 } = {}) {
        const frame = { type: 'history', room, limit };
        if (before) frame.before = before;
        return (await this.request(frame)).events;
    }

    read(room, seq) {
        return this.request({ type: 'read', room, seq });
    }

    /** Says the user is typing; call it on every keystroke, it goes out at most every two seconds. */
    typing(room) {
        const now = Date.now();
        if (this.state !== 'connected' || now - (this.lastTyping.get(room) || 0) < TYPING_INTERVAL_MS) return;
        this.lastTyping.set(room, now);
        this.socket.send(JSON.stringify({ type: 'typing', room }));
    }

    /** The room of direct messages between the signed-in user and another. */
    directRoom(other) {
        const [a, b] = [this.user, other].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        return `dm:${a}:${b}`;
    }

    request(frame) {
        if (this.state !== 'connected') return Promise.reject(new Error('not connected'));
        const ref = String(this.nextRef++);
        return new Promise((resolve, reject) => {
            this.pending.set(ref, { resolve, reject });
            this.socket.send(JSON.stringify({ ...frame, ref }));
        });
    }

    transmit(entry) {
        const ref = String(this.nextRef++);
        this.pending.set(ref, {
            resolve: (ack) => {
                this.unsent = this.unsent.filter((waiting) => waiting !== entry);
                entry.resolve(ack);
            },
            // refused by the server (not lost): it will not be tried again
            reject: (problem) => {
                if (problem.code) {
                    this.unsent = this.unsent.filter((waiting) => waiting !== entry);
                    entry.reject(problem);
                }
            },
        });
        this.socket.send(JSON.stringify({ ...entry.frame, ref }));
    }

    // --- frames from the server ---

    receive(frame) {
        const waiting = frame.ref && this.pending.get(frame.ref);
        if (waiting) this.pending.delete(frame.ref);
        switch (frame.type) {
            case 'welcome':
                this.user = frame.user;
                this.attempt = 0;
                this.setState('connected');
                this.resume();
                this.dispatch('welcome', frame);
                return;
            case 'joined':
                this.joined(frame);
                break;
            case 'message':
            case 'edited':
            case 'retracted':
            case 'reaction':
            case 'moderation': {
                const room = this.rooms.get(frame.room);
                if (room && frame.seq <= room.lastSeq) return; // seen before the reconnect
                if (room) room.lastSeq = frame.seq;
                this.dispatch('event', frame);
                return;
            }
            case 'error':
                if (waiting) {
                    waiting.reject(Object.assign(new Error(frame.message), { code: frame.code }));
                } else {
                    this.dispatch('problem', frame);
                }
                return;
            case 'left':
                if (!waiting) {
                    // the user left the room from another connection: this one is out of it too
                    this.rooms.delete(frame.room);
                    this.dispatch('left', frame);
                    return;
                }
                break;
            case 'presence':
            case 'typing':
            case 'receipt':
            case 'invitation':
            case 'activity':
                this.dispatch(frame.type, frame);
                return;
        }
        if (waiting) waiting.resolve(frame);
    }

    joined(frame) {
        const known = this.rooms.get(frame.room);
        if (frame.reset || !known) {
            this.rooms.set(frame.room, { lastSeq: frame.lastSeq });
            if (frame.reset) this.dispatch('reset', frame);
        } else if (frame.replayed === undefined) {
            known.lastSeq = Math.max(known.lastSeq, frame.lastSeq);
        }
        // with `replayed`, the missed events follow and move lastSeq themselves
        this.dispatch('joined', frame);
    }

    // After a (re)connect: the lobby resumed with the handshake; join the other rooms again from where
    // they stood, then send what is still unacked. Requests of a connection are handled in order.
    resume() {
        for (const [room, { lastSeq }] of this.rooms) {
            if (room === 'lobby') continue;
            this.socket.send(JSON.stringify({ type: 'join', room, after: lastSeq, ref: String(this.nextRef++) }));
        }
        for (const entry of this.unsent) this.transmit(entry);
    }
}
