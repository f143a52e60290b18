// Reactions on a message as the page keeps them, [{ emoji, count, me }] in the order first used: set by
// history pages, then kept by `reaction` events, which carry the new count (so a replay never counts twice).

/** The emoji the picker offers. */
export const QUICK = ['👍', '❤️', '😂', '🎉', '😮', '😢', '👀', '🙏'];

export function applyReaction(message, event, me) {
    const reactions = message.reactions ? [...message.reactions] : [];
    const at = reactions.findIndex((r) => r.emoji === event.emoji);
    const mine = event.user === me ? event.added : (at >= 0 && reactions[at].me);
    if (event.count === 0) {
        if (at >= 0) reactions.splice(at, 1);
    } else if (at >= 0) {
        reactions[at] = { emoji: event.emoji, count: event.count, me: mine };
    } else {
        reactions.push({ emoji: event.emoji, count: event.count, me: mine });
    }
    message.reactions = reactions;
}

function chip(text, label, pressed, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'chip';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    if (pressed !== undefined) b.setAttribute('aria-pressed', String(pressed));
    b.onclick = action;
    return b;
}

/**
 * The row under a message: its reactions (pressed when mine; a click adds or takes off mine) and a button
 * that opens the picker. `toggle(emoji, add)` sends the change.
 */
export function reactionRow(m, toggle) {
    const row = document.createElement('div');
    row.className = 'reactions';
    for (const r of m.reactions || []) {
        row.append(chip(`${r.emoji} ${r.count}`, `${r.emoji}: ${r.count} ${r.count === 1 ? 'reaction' : 'reactions'}${r.me ? ', yours: click to take it off' : ''}`,
            r.me, () => toggle(r.emoji, !r.me)));
    }
    const picker = document.createElement('span');
    picker.className = 'picker';
    picker.hidden = true;
    for (const emoji of QUICK) {
        const mine = (m.reactions || []).some((r) => r.emoji === emoji && r.me);
        picker.append(chip(emoji, `React with ${emoji}`, undefined, () => { picker.hidden = true; toggle(emoji, !mine); }));
    }
    const open = chip('☺+', 'Add a reaction', undefined, () => { picker.hidden = !picker.hidden; });
    open.classList.add('add-reaction');
    row.append(open, picker);
    return row;
}
