// What the forms allow, said in plain words before (the hints) and after (next to the field): nothing is cut
// short silently, as a maxlength would.

/** The most UTF-16 code units a message may hold. */
export const MAX_TEXT = 4000;

const NAME = /^[A-Za-z0-9._-]{1,32}$/;
const ROOM = /^[A-Za-z0-9._-]{1,64}$/;

/** Why the user name is refused, or '' when it is fine. */
export function validName(name) {
    if (!name) return 'Enter a name.';
    if (name.length > 32) return `A name has at most 32 characters; this one has ${name.length}.`;
    return NAME.test(name) ? '' : 'A name holds only letters, digits, dots, dashes and underscores.';
}

export function validPassword(password) {
    if (password.length < 8) return 'A password has at least 8 characters.';
    return password.length > 128 ? `A password has at most 128 characters; this one has ${password.length}.` : '';
}

export function validRoom(name) {
    if (!name) return 'Enter a room name.';
    if (name.length > 64) return `A room name has at most 64 characters; this one has ${name.length}.`;
    return ROOM.test(name) ? '' : 'A room name holds only letters, digits, dots, dashes and underscores.';
}

/** The first line of a text, short enough for a notification or an announcement. */
export function preview(text) {
    const line = String(text).split('\n')[0];
    return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}

/** Where the server's refusal of a sign-in or registration belongs, and what to say there. */
export function problemFor(problem, user) {
    switch (problem.code) {
        case 'invalid_user': return ['user', validName(user) || problem.message];
        case 'user_taken': return ['user', `${user} is taken: choose another name.`];
        case 'weak_password': return ['password', 'A password has 8 to 128 characters.'];
        case 'bad_credentials': return ['password', 'The name or the password is wrong.'];
        case 'rate_limited': return ['password', 'Too many attempts: wait a minute, then try again.'];
        case 'server_busy': return ['password', 'The server is busy: try again in a few seconds.'];
        default: return ['password', problem.message];
    }
}
