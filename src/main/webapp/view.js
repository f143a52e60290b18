// Drawing the page from its state: the conversation list, the open room, and the tab's title.
import { $, chat, room, rooms, title, view } from './state.js';
import { messageItems } from './message-list.js';
import { retitle } from './notify.js';
import { onProfiles } from './profiles.js';

onProfiles(() => render('keep'));

/** What a message's buttons do (reply, edit, retract, react, open its thread); set by the page. */
export const messageActions = { edit: () => {}, retract: () => {}, reply: () => {}, react: () => {}, thread: () => {} };
/** What a click on a conversation in the list does; set by the page. */
export const listActions = { open: () => {} };

function badge(className, text, words) {
    const span = document.createElement('span');
    span.className = className;
    span.append(Object.assign(document.createElement('span'), { textContent: text, ariaHidden: 'true' }),
        Object.assign(document.createElement('span'), { className: 'hidden', textContent: `, ${words}` }));
    return span;
}

function count(n) {
    return n >= 1000 ? '999+' : String(n);
}

// newest activity first, then by name
function ordered() {
    return [...rooms.entries()].sort(([a, x], [b, y]) => y.lastId - x.lastId || (a < b ? -1 : a > b ? 1 : 0))
        .map(([name]) => name);
}

function renderList() {
    $('rooms').replaceChildren(...ordered().map((name) => {
        const shown = room(name);
        const li = document.createElement('li');
        li.className = [name === view.current ? 'current' : '', shown.kind].join(' ').trim();
        const open = document.createElement('button');
        open.type = 'button';
        open.textContent = title(name);
        open.onclick = () => listActions.open(name);
        if (name === view.current) open.setAttribute('aria-current', 'true');
        if (shown.kind === 'private') open.append(' ', badge('marker', 'private', 'private room'));
        if (shown.mentions) {
            open.append(' ', badge('mentions', `@${count(shown.mentions)}`,
                `${count(shown.mentions)} ${shown.mentions === 1 ? 'mention' : 'mentions'}`));
        }
        if (shown.unread) open.append(' ', badge('unread', count(shown.unread), `${count(shown.unread)} unread`));
        li.append(open);
        return li;
    }));
    let unread = 0;
    for (const shown of rooms.values()) unread += shown.unread;
    retitle(unread);
}

function present(user) {
    const li = document.createElement('li');
    li.textContent = user;
    return li;
}

/**
 * Draws the page. scroll: 'bottom' goes to the newest message; 'follow' stays at the bottom if the reader was
 * there, else offers a button to jump down; 'keep' leaves the view where it is.
 */
export function render(scroll) {
    renderList();
    const current = view.current;
    const shown = room(current);
    $('title').textContent = title(current);
    $('invite').hidden = current === 'lobby' || current.startsWith('dm:');
    $('leave').hidden = current === 'lobby';
    $('leave').textContent = current.startsWith('dm:') ? 'Close conversation' : 'Leave room';
    $('present').replaceChildren(...[...shown.present].sort().map(present));
    if (!view.loadingOlder) $('older').textContent = shown.complete ? 'The beginning of the room.' : '';
    const typists = [...shown.typing.keys()];
    $('typing').textContent = typists.length ? `${typists.join(', ')} ${typists.length > 1 ? 'are' : 'is'} typing…` : '';

    const scroller = $('scroller');
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    const messages = [...shown.events.values()].sort((a, b) => a.seq - b.seq)
        .map((m) => (m.id === view.found ? { ...m, found: true } : m));
    $('messages').replaceChildren(...messageItems(messages, chat.outbox.filter((w) => w.room === current), {
        me: chat.user, unreadAfter: shown.unreadAfter, onEdit: messageActions.edit, onRetract: messageActions.retract,
        onReply: messageActions.reply, onReact: messageActions.react, onThread: messageActions.thread,
    }));
    $('replying').hidden = !view.replyingTo;
    if (view.replyingTo) {
        $('replying-to').textContent = `Replying to ${view.replyingTo.user}: ${view.replyingTo.text}`;
    }
    if (scroll === 'bottom' || (scroll === 'follow' && atBottom)) {
        scroller.scrollTop = scroller.scrollHeight;
        $('jump').hidden = true;
    } else if (scroll === 'follow') {
        $('jump').hidden = false;
    }
}
