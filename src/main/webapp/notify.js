// Telling someone who looks elsewhere that they were written to: the tab's title carries the unread count,
// and, once the user switched them on (a click: permission is never asked on load), desktop notifications
// for direct messages and mentions that arrive while the tab is hidden.

const SETTING = 'chat.notifications';

export function supported() {
    return 'Notification' in window;
}

/** Whether notifications are on: the user's setting, and the browser's permission. */
export function enabled() {
    return supported() && localStorage.getItem(SETTING) === 'on' && Notification.permission === 'granted';
}

/** Turns notifications on (asking for permission, so call it from a click) or off; resolves with the outcome. */
export async function enable(on) {
    if (on && supported() && Notification.permission !== 'granted') {
        on = (await Notification.requestPermission()) === 'granted';
    }
    localStorage.setItem(SETTING, on ? 'on' : 'off');
    return on && supported();
}

/** Shows a notification while the tab is hidden, if they are on; a click on it brings the conversation up. */
export function notify(title, body, tag, open) {
    if (!document.hidden || !enabled()) return;
    const shown = new Notification(title, { body, tag });
    shown.onclick = () => {
        window.focus();
        open();
        shown.close();
    };
}

/** The tab's title, with the count of unread messages when there are any. */
export function retitle(unread) {
    document.title = unread ? `(${unread > 999 ? '999+' : unread}) Chat` : 'Chat';
}
