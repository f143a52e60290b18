// A room's events applied to the messages a page keeps (a Map of id -> message): new messages and acts, edits,
// retractions, reactions, and a reply's news for the message its thread hangs from.
import { applyReaction } from './reactions.js';

export function applyEvent(events, event, me) {
    if (event.type === 'message' || event.type === 'moderation') {
        events.set(event.id, { ...events.get(event.id), ...event });
        const root = event.thread && events.get(event.thread);
        if (root && (root.replies || 0) < event.threadReplies) {
            Object.assign(root, { replies: event.threadReplies, lastReplyAt: event.sentAt });
        }
        return;
    }
    const message = events.get(event.messageId);
    if (event.type === 'retracted') {
        // the quotes of it go with its text
        for (const other of events.values()) {
            if (other.replyTo === event.messageId && other.quote) other.quote = { ...other.quote, text: null };
        }
    }
    if (!message) return;
    if (event.type === 'edited') Object.assign(message, { text: event.text, edited: true });
    if (event.type === 'retracted') Object.assign(message, { text: null, retracted: true, reactions: [] });
    if (event.type === 'reaction') applyReaction(message, event, me);
}
