// Display names: looked up in batches for the users the page shows, kept for ten minutes, then looked up again
// when shown. A user is always shown with its sign-in name too, so a display name cannot pass for another user.
import { chat } from './state.js';

const FRESH_MS = 10 * 60 * 1000;
const BATCH = 100;
const known = new Map(); // user -> { displayName, at }
const asked = new Set();
let redraw = () => {};

/** What to call when looked-up names arrive (the page redraws). */
export function onProfiles(callback) {
    redraw = callback;
}

/** The user's display name, if it has one and the page knows it; asks for it otherwise. */
export function displayName(user) {
    const entry = known.get(user);
    if (!entry || Date.now() - entry.at > FRESH_MS) want(user);
    return entry?.displayName || null;
}

/** The page's own user changed its name: known at once. */
export function remember(user, name) {
    known.set(user, { displayName: name, at: Date.now() });
}

let pending = null;

function want(user) {
    if (!user || asked.has(user)) return;
    asked.add(user);
    pending ??= Promise.resolve().then(lookUp); // one request for the names wanted while drawing
}

async function lookUp() {
    const names = [...asked].slice(0, BATCH);
    pending = null;
    const at = Date.now();
    let found = false;
    try {
        const profiles = await chat.profiles(names);
        for (const name of names) known.set(name, { displayName: null, at });
        for (const p of profiles) known.set(p.user, { displayName: p.displayName, at });
        found = true;
    } catch {
        // not now (offline, rate limited): what was known stays, and the names are asked again once it is stale
        for (const name of names) known.set(name, { displayName: known.get(name)?.displayName ?? null, at });
    } finally {
        names.forEach((name) => asked.delete(name));
    }
    if (asked.size) pending ??= Promise.resolve().then(lookUp);
    if (found) redraw();
}
