// What the page holds: the client, every conversation it shows, and which one is open.
import { ChatClient } from './chat-client.js';

export const $ = (id) => document.getElementById(id);
export const chat = new ChatClient();
/** Events of history the page asks for at a time. */
export const PAGE = 50;
// name -> { events: Map(id -> message), unread, mentions, kind, lastId, readSeq, unreadAfter, present: Set,
// oldest, complete, typing: Map }: every conversation of the user (the server's list, kept current by activity
// events) and every room joined
export const rooms = new Map();
/** The conversation shown, the message being edited or answered, whether older history is on its way. */
export const view = { current: 'lobby', editing: null, replyingTo: null, loadingOlder: false };

export function room(name) {
    if (!rooms.has(name)) {
        rooms.set(name, {
            events: new Map(), unread: 0, mentions: 0, lastId: 0, readSeq: 0, unreadAfter: null, present: new Set(),
            oldest: null, complete: false, typing: new Map(),
            kind: name === 'lobby' ? 'lobby' : name.startsWith('dm:') ? 'direct' : 'public',
        });
    }
    return rooms.get(name);
}

export function say(problem) {
    $('problem').textContent = problem || '';
}

/** A room's name as the list shows it: a direct-message room as @ the other user. */
export function title(name) {
    if (!name.startsWith('dm:')) return name;
    const [, a, b] = name.split(':');
    return `@${a === chat.user ? b : a}`;
}

export function mentionsMe(event) {
    return (event.mentions || []).includes(chat.user);
}

/** Shows what is wrong with a field next to it ('' clears it); true when nothing is. */
export function field(id, problem) {
    $(`${id}-problem`).textContent = problem || '';
    $(id).setAttribute('aria-invalid', problem ? 'true' : 'false');
    return !problem;
}
