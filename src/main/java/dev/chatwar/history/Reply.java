package dev.chatwar.history;

import dev.chatwar.base.UserName;

/**
 * Where a reply stands: the message it answers, quoted as that message read when it was answered ({@code quote}
 * null once that message is retracted), and its thread: the message the thread hangs from, and how many replies
 * that thread held once this one was added.
 */
public record Reply(long parentId, UserName parentAuthor, String quote, long threadId, int threadReplies) {
}
