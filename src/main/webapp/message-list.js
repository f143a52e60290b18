// The items of a room's message list: day separators, the "new messages" line at the first unread one,
// consecutive messages of one author grouped, each message's full date and time (on hover, when the keyboard
// is on the message's buttons, and always to screen readers), and its actions (edit, retract) shown on hover
// or focus.
import { renderText } from './render-text.js';
import { displayName } from './profiles.js';

const GROUP_MS = 5 * 60 * 1000;

function item(className, text) {
    const li = document.createElement('li');
    li.className = className;
    if (text) li.textContent = text;
    return li;
}

function button(text, label, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.onclick = action;
    return b;
}

function day(date) {
    return date.toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

const DURATIONS = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];

function lasting(m) {
    if (!m.until) return m.action === 'ban' || m.action === 'mute' ? ' until lifted' : '';
    const seconds = Math.round((new Date(m.until) - new Date(m.sentAt)) / 1000);
    const [unit, name] = DURATIONS.find(([size]) => seconds >= size && seconds % size === 0) || [1, 'second'];
    const count = seconds / unit;
    return ` for ${count} ${name}${count === 1 ? '' : 's'}`;
}

const ACTS = {
    kick: (m) => `${m.user} removed ${m.target} from the room`,
    ban: (m) => `${m.user} banned ${m.target}`,
    unban: (m) => `${m.user} lifted the ban of ${m.target}`,
    mute: (m) => `${m.user} muted ${m.target}`,
    unmute: (m) => `${m.user} unmuted ${m.target}`,
    promote: (m) => `${m.user} made ${m.target} a moderator`,
    demote: (m) => `${m.user} made ${m.target} a member again`,
};

/** A moderator's act, as a line of the timeline: "alice muted bob for 10 minutes: flooding". */
export function actText(m) {
    const told = (ACTS[m.action] || ((e) => `${e.user} acted on ${e.target}`))(m);
    return `${told}${lasting(m)}${m.reason ? `: ${m.reason}` : ''}`;
}

function messageItem(m, { me, continued, onEdit, onRetract }) {
    if (m.type === 'moderation') return item('moderation', actText(m));
    const mentioned = (m.mentions || []).includes(me);
    const li = item(['message', m.own ? 'own' : '', m.pending ? 'pending' : '', m.retracted ? 'retracted' : '',
        mentioned ? 'mention' : '', continued ? 'continued' : ''].filter(Boolean).join(' '));
    const head = document.createElement('span');
    head.className = 'head';
    if (m.sentAt) {
        const sent = new Date(m.sentAt);
        const full = sent.toLocaleString([], { dateStyle: 'full', timeStyle: 'medium' });
        const time = document.createElement('time');
        time.dateTime = m.sentAt;
        time.title = full;
        time.append(Object.assign(document.createElement('span'), {
            textContent: sent.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }), ariaHidden: 'true',
        }), Object.assign(document.createElement('span'), { className: 'full-date', textContent: full }));
        head.append(time, ' ');
    }
    const shownAs = displayName(m.user);
    head.append(Object.assign(document.createElement('strong'), { textContent: shownAs || m.user }), ' ');
    if (shownAs) head.append(Object.assign(document.createElement('span'), { className: 'handle', textContent: `@${m.user}` }), ' ');
    const text = document.createElement('span');
    text.className = 'text';
    if (m.retracted) text.textContent = 'message retracted';
    else text.append(renderText(m.text, me));
    li.append(head, text);
    if (m.edited && !m.retracted) li.append(' ', Object.assign(document.createElement('em'), { textContent: '(edited)' }));
    if (m.pending) li.append(' ', Object.assign(document.createElement('em'), { textContent: '(sending…)' }));
    if (m.own && !m.retracted && !m.pending) {
        const actions = document.createElement('span');
        actions.className = 'actions';
        actions.append(button('Edit', `Edit message: ${m.text}`, () => onEdit(m)),
            button('Retract', `Retract message: ${m.text}`, () => {
                if (confirm('Retract this message? Everyone will see that it was retracted.')) onRetract(m);
            }));
        li.append(' ', actions);
    }
    return li;
}

/**
 * The list items for `messages` (in seq order) and `queued` (sends waiting for their ack). `unreadAfter`: the
 * read position when the room was opened; the line goes before the first message of another user after it.
 */
export function messageItems(messages, queued, { me, unreadAfter, onEdit, onRetract }) {
    const items = [];
    let previous = null;
    let marked = false;
    for (const m of messages) {
        const sent = new Date(m.sentAt);
        if (!previous || day(sent) !== day(new Date(previous.sentAt))) {
            items.push(item('day', day(sent)));
            previous = null;
        }
        if (!marked && unreadAfter !== null && m.seq > unreadAfter && !m.own) {
            items.push(item('unread-line', 'New messages'));
            marked = true;
            previous = null;
        }
        const continued = previous !== null && previous.user === m.user && !previous.retracted
            && previous.type !== 'moderation' && m.type !== 'moderation' && sent - new Date(previous.sentAt) < GROUP_MS;
        items.push(messageItem(m, { me, continued, onEdit, onRetract }));
        previous = m;
    }
    for (const waiting of queued) {
        items.push(messageItem({ user: me, text: waiting.text, own: true, pending: true }, { me }));
    }
    return items;
}
