// The items of a room's message list: day separators, the "new messages" line at the first unread one,
// consecutive messages of one author grouped, each message's full date and time (on hover, when the keyboard
// is on the message's buttons, and always to screen readers), the message a reply quotes, its reactions and
// its thread's summary, and its actions (reply, edit, retract) shown on hover or focus.
import { renderText } from './render-text.js';
import { displayName } from './profiles.js';
import { reactionRow } from './reactions.js';

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

function quoteOf(m) {
    const quote = document.createElement('blockquote');
    quote.className = 'quote';
    const author = displayName(m.quote.user) || m.quote.user;
    quote.append(Object.assign(document.createElement('strong'), { textContent: `↪ ${author}` }), ' ',
        m.quote.text === null ? Object.assign(document.createElement('em'), { textContent: 'message retracted' })
            : m.quote.text);
    return quote;
}

function size(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// an image the server recognised shows itself; any other file is a link that downloads it
function attachmentOf(file) {
    const url = `api/files/${file.id}`;
    const box = document.createElement('div');
    box.className = 'attachment';
    const link = Object.assign(document.createElement('a'), { href: url, rel: 'noopener' });
    if (file.image) {
        link.target = '_blank';
        link.append(Object.assign(document.createElement('img'), { src: url, alt: file.name, loading: 'lazy' }));
    } else {
        link.download = file.name;
        link.textContent = `📄 ${file.name}`;
    }
    box.append(link, ' ', Object.assign(document.createElement('span'), { className: 'size', textContent: size(file.size) }));
    return box;
}

function threadSummary(m, onThread) {
    const last = new Date(m.lastReplyAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return button(`${m.replies} ${m.replies === 1 ? 'reply' : 'replies'} · last at ${last}`,
        `Open the thread: ${m.replies} ${m.replies === 1 ? 'reply' : 'replies'}`, () => onThread(m));
}

export function messageItem(m, { me, continued, onEdit, onRetract, onReply, onReact, onThread, inThread }) {
    if (m.type === 'moderation') return item('moderation', actText(m));
    const mentioned = (m.mentions || []).includes(me);
    const li = item(['message', m.own ? 'own' : '', m.pending ? 'pending' : '', m.retracted ? 'retracted' : '',
        mentioned ? 'mention' : '', continued ? 'continued' : '', m.found ? 'found' : ''].filter(Boolean).join(' '));
    if (m.id) li.dataset.id = m.id;
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
    if (m.quote && !inThread) li.append(quoteOf(m));
    li.append(head, text);
    if (m.attachment && !m.retracted) li.append(attachmentOf(m.attachment));
    if (m.edited && !m.retracted) li.append(' ', Object.assign(document.createElement('em'), { textContent: '(edited)' }));
    if (m.pending) li.append(' ', Object.assign(document.createElement('em'), { textContent: '(sending…)' }));
    if (!m.retracted && !m.pending && m.id) {
        const actions = document.createElement('span');
        actions.className = 'actions';
        if (onReply) actions.append(button('Reply', `Reply to ${m.user}: ${m.text}`, () => onReply(m)));
        if (m.own) {
            actions.append(button('Edit', `Edit message: ${m.text}`, () => onEdit(m)),
                button('Retract', `Retract message: ${m.text}`, () => {
                    if (confirm('Retract this message? Everyone will see that it was retracted.')) onRetract(m);
                }));
        }
        li.append(' ', actions);
        if (onReact) li.append(reactionRow(m, (emoji, add) => onReact(m, emoji, add)));
    }
    if (m.replies && onThread && !inThread) li.append(threadSummary(m, onThread));
    return li;
}

/**
 * The list items for `messages` (in seq order) and `queued` (sends waiting for their ack). `unreadAfter`: the
 * read position when the room was opened; the line goes before the first message of another user after it.
 */
export function messageItems(messages, queued, { me, unreadAfter, ...actions }) {
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
        items.push(messageItem(m, { me, continued: continued && !m.quote, ...actions }));
        previous = m;
    }
    for (const waiting of queued) {
        items.push(messageItem({ user: me, text: waiting.text, own: true, pending: true }, { me }));
    }
    return items;
}
