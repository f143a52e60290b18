// The chat page: what the user does. What the server says is applied in conversations.js, drawn by view.js;
// every text from the server is rendered as text, never as HTML.
import { $, chat, field, room, rooms, say, view } from './state.js';
import { backToNewest, forget, loadOlder, show, showAt } from './conversations.js';
import { onResult } from './search-pane.js';
import { listActions, messageActions, render } from './view.js';
import { enable, enabled, supported } from './notify.js';
import { problemFor, validName, validPassword, validRoom, MAX_TEXT } from './forms.js';
import { autocomplete } from './autocomplete.js';
import { displayName, remember } from './profiles.js';
import { openThread, threadActions } from './thread-pane.js';

chat.addEventListener('state', (e) => {
    $('state').textContent = e.detail.state;
    $('state').className = `state ${e.detail.state}`;
});

chat.addEventListener('welcome', (e) => {
    $('me').textContent = e.detail.user;
    $('signin-page').hidden = true;
    $('chat').hidden = false;
    for (const id of ['logout', 'account-open', 'state', 'drawer']) $(id).hidden = false;
    $('notify-setting').hidden = !supported();
    $('notify').checked = enabled();
    if (rooms.size <= 1) $('chat').classList.add('drawer-open'); // on a phone, start from the list
    say('');
    render('bottom');
});

chat.addEventListener('problem', (e) => say(`${e.detail.code}: ${e.detail.message}`));

const SIGNED_OUT_BECAUSE = {
    'password changed': 'You were signed out: the password was changed on another device.',
    'account closed': 'The account is closed.',
};

chat.addEventListener('signedout', (e) => {
    $('chat').hidden = true;
    for (const id of ['logout', 'account-open', 'state', 'drawer', 'notify-setting']) $(id).hidden = true;
    if ($('account').open) $('account').close();
    $('me').textContent = '';
    $('signin-page').hidden = false;
    say(SIGNED_OUT_BECAUSE[e.detail.reason] || 'You are signed out.');
});

function startEdit(message) {
    view.editing = message;
    $('text').value = message.text;
    $('send').textContent = 'Save';
    $('cancel').hidden = false;
    $('text').focus();
}

function stopEdit() {
    view.editing = null;
    $('text').value = '';
    $('send').textContent = 'Send';
    $('cancel').hidden = true;
    counted();
}

messageActions.edit = startEdit;
messageActions.retract = (m) => chat.retract(m.id).catch((p) => say(p.message));
messageActions.reply = (m) => {
    if (view.editing) stopEdit();
    view.replyingTo = m;
    render('keep');
    $('text').focus();
};
const REACTION_PROBLEMS = {
    too_many_reactions: 'This message has 20 different reactions already: pick one of those.',
    muted: 'You are muted in this room.',
};
messageActions.react = (m, emoji, add) => (add ? chat.react(m.id, emoji) : chat.unreact(m.id, emoji))
    .catch((p) => { if (p.code !== 'no_change') say(REACTION_PROBLEMS[p.code] || p.message); });
messageActions.thread = (m) => openThread(view.current, m);
threadActions({
    onReact: messageActions.react, onEdit: startEdit, onRetract: messageActions.retract, sent: () => render('keep'),
});
listActions.open = (name) => {
    view.replyingTo = null;
    show(name);
};

// --- what the user does ---

async function signIn(register) {
    const user = $('user').value;
    const password = $('password').value;
    const nameOk = field('user', validName(user));
    const passwordOk = field('password', register ? validPassword(password) : (password ? '' : 'Enter your password.'));
    if (!nameOk || !passwordOk) return;
    const buttons = [$('login'), $('register')];
    const pressed = register ? $('register') : $('login');
    const label = pressed.textContent;
    pressed.textContent = register ? 'Registering…' : 'Signing in…';
    buttons.forEach((b) => { b.disabled = true; });
    try {
        await (register ? chat.register(user, password) : chat.signIn(user, password));
        $('password').value = '';
        chat.connect();
    } catch (problem) {
        const [where, words] = problemFor(problem, user);
        field(where, words);
    } finally {
        pressed.textContent = label;
        buttons.forEach((b) => { b.disabled = false; });
    }
}

$('signin').onsubmit = (e) => { e.preventDefault(); signIn(false); };
$('register').onclick = () => signIn(true);
$('logout').onclick = () => chat.signOut().catch((problem) => say(problem.message));
$('account-open').onclick = () => {
    $('display-name').value = displayName(chat.user) || '';
    $('account').showModal();
};

$('profile').onsubmit = async (e) => {
    e.preventDefault();
    const name = $('display-name').value.trim();
    if (name.length > 64) {
        $('profile-problem').textContent = 'A display name has at most 64 characters.';
        return;
    }
    try {
        const saved = await chat.setDisplayName(name || null);
        remember(chat.user, saved.displayName);
        $('profile-problem').textContent = saved.displayName ? `You are shown as ${saved.displayName}.` : 'You are shown by your sign-in name.';
        render('keep');
    } catch (failure) {
        $('profile-problem').textContent = problemFor(failure)[1];
    }
};

$('password-change').onsubmit = async (e) => {
    e.preventDefault();
    const problem = validPassword($('new-password').value);
    $('change-problem').textContent = problem;
    if (problem) return;
    try {
        await chat.changePassword($('current-password').value, $('new-password').value);
        $('current-password').value = '';
        $('new-password').value = '';
        $('change-problem').textContent = 'Password changed. Your other devices are signed out.';
    } catch (failure) {
        $('change-problem').textContent = failure.code === 'bad_credentials' ? 'The current password is not right.'
            : problemFor(failure)[1];
    }
};

$('account-close').onsubmit = async (e) => {
    e.preventDefault();
    if (!confirm('Close this account? Every device is signed out, and nobody can sign in as it again.')) return;
    try {
        await chat.closeAccount($('close-password').value);
        $('close-password').value = '';
    } catch (failure) {
        $('close-problem').textContent = failure.code === 'bad_credentials' ? 'The password is not right.'
            : problemFor(failure)[1];
    }
};
$('notify').onchange = async () => {
    $('notify').checked = await enable($('notify').checked);
    if (!$('notify').checked && Notification.permission === 'denied') say('Notifications are blocked in this browser.');
};
$('drawer').onclick = () => {
    const open = $('chat').classList.toggle('drawer-open');
    $('drawer').setAttribute('aria-expanded', String(open));
};
$('jump').onclick = () => {
    if (room(view.current).detached) backToNewest(view.current);
    render('bottom');
};
onResult((name, seq, id) => showAt(name, seq, id));

$('join').onsubmit = async (e) => {
    e.preventDefault();
    const name = $('room').value;
    if (!field('room', validRoom(name))) return;
    try {
        await chat.join(name, { private: $('private').checked });
        $('room').value = '';
        $('private').checked = false;
        show(name);
    } catch (problem) {
        field('room', problem.code === 'room_exists' ? `${name} exists and is public: it cannot be made private.`
            : problem.code === 'not_a_member' ? `${name} is private: ask a member to invite you.` : problem.message);
    }
};

$('direct').onsubmit = async (e) => {
    e.preventDefault();
    const peer = $('peer').value;
    if (!field('peer', validName(peer))) return;
    try {
        await chat.direct(peer);
        $('peer').value = '';
        show(chat.directRoom(peer));
    } catch (problem) {
        field('peer', problem.code === 'not_found' ? `Nobody is called ${peer}.` : problem.message);
    }
};

$('leave').onclick = async () => {
    const name = view.current;
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
    const invitee = $('invitee').value;
    if (!field('invite', validName(invitee))) return;
    try {
        await chat.invite(view.current, invitee);
        say(`${invitee} may now join ${view.current}`);
        $('invitee').value = '';
    } catch (problem) {
        field('invite', problem.code === 'not_found' ? `Nobody is called ${invitee}.` : problem.message);
    }
};

// the counter shows near the limit; a text over it is not sent, and nothing is ever cut
function counted() {
    const left = MAX_TEXT - $('text').value.length;
    $('count').textContent = left < 200 ? (left >= 0 ? `${left} characters left` : `${-left} ${left === -1 ? "character" : "characters"} over the limit`) : '';
    return left >= 0;
}

// "/mute @bob 10m flooding": a moderator's act on someone in the open room (docs/protocol.md, Moderation)
const COMMANDS = { kick: 'kick', ban: 'ban', unban: 'unban', mute: 'mute', unmute: 'unmute', mod: 'promote', unmod: 'demote' };
const UNITS = { s: 1, m: 60, h: 3600, d: 86400 };

function moderation(text) {
    const found = /^\/(\w+)\s+@?([A-Za-z0-9._-]+)(?:\s+(\d+)([smhd]))?(?:\s+(.+))?$/s.exec(text.trim());
    if (!found || !COMMANDS[found[1]]) return null;
    const [, command, user, count, unit, reason] = found;
    return { action: COMMANDS[command], user, duration: count ? Number(count) * UNITS[unit] : undefined, reason };
}

$('compose').onsubmit = (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (!text.trim()) return;
    const act = !view.editing && moderation(text);
    if (act) {
        chat.moderate(view.current, act.action, act.user, act)
            .then(() => { $('text').value = ''; counted(); }, (problem) => say(problem.message));
        return;
    }
    if (!counted()) {
        field('compose', `A message holds at most ${MAX_TEXT} characters: shorten it or send it in parts.`);
        return;
    }
    field('compose', '');
    if (view.editing) {
        chat.edit(view.editing.id, text).catch((problem) => say(problem.message));
        stopEdit();
        return;
    }
    // queued while offline, delivered once connected again
    const replyTo = view.replyingTo?.id;
    view.replyingTo = null;
    chat.send(view.current, text, { replyTo }).then(() => render('keep'), (problem) => { say(problem.message); render('keep'); });
    $('text').value = '';
    counted();
    render('bottom');
};
$('cancel').onclick = stopEdit;
// a file goes up first, then the message that carries it: the typed text, or else the file's name
$('file').onchange = async () => {
    const file = $('file').files[0];
    $('file').value = '';
    if (!file) return;
    if (file.size > 10 * 1024 * 1024) {
        field('compose', `${file.name} is larger than 10 MB: it cannot be sent.`);
        return;
    }
    const name = view.current;
    field('compose', '');
    say(`Sending ${file.name}…`);
    try {
        const stored = await chat.upload(name, file);
        const text = $('text').value.trim() || stored.name;
        $('text').value = '';
        counted();
        await chat.send(name, text, { attachment: stored.id });
        say('');
    } catch (problem) {
        say(problem.code === 'body_too_large' ? `${file.name} is too large to send.` : problem.message);
    }
};
$('replying-cancel').onclick = () => {
    view.replyingTo = null;
    render('keep');
    $('text').focus();
};
$('text').oninput = () => {
    counted();
    if (!view.editing) chat.typing(view.current);
};
// the people of the open room, for the @ suggestions
const suggestions = autocomplete($('text'), $('suggest'), () => {
    const shown = room(view.current);
    return [...shown.present, ...[...shown.events.values()].map((m) => m.user)].filter((name) => name !== chat.user);
});
$('text').onkeydown = (e) => {
    if (suggestions(e)) return;
    if (e.key === 'Escape' && view.editing) stopEdit();
    if (e.key === 'Escape' && view.replyingTo) $('replying-cancel').click();
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        $('compose').requestSubmit();
    }
};
$('scroller').onscroll = () => {
    const scroller = $('scroller');
    if (scroller.scrollTop < 40) loadOlder();
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    if (atBottom && !room(view.current).detached) $('jump').hidden = true;
};

if (await chat.currentUser()) {
    chat.connect();
} else {
    $('signin-page').hidden = false;
}
