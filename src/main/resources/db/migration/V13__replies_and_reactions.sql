-- Replies and threads. A reply names the message it answers (reply_to), quoted as it read then (quote_author,
-- quote_text; the quote is cleared when that message is retracted), and the message its thread hangs from
-- (thread_id). replies: on a message with replies, how many it has had (last_reply_at: when the last came);
-- on a reply, how many its thread held once it was added.
alter table room_event add column reply_to bigint;
alter table room_event add column thread_id bigint;
alter table room_event add column quote_author varchar(32);
alter table room_event add column quote_text varchar(101);
alter table room_event add column replies integer;
alter table room_event add column last_reply_at timestamp(6) with time zone;

create index room_event_thread on room_event (thread_id);
create index room_event_reply_to on room_event (reply_to);

-- Reactions. A reaction event (kind REACTION) names the message (messageId) and the emoji (text); whether it was
-- added or taken off, and the message's count of that emoji after it.
alter table room_event add column reaction_added boolean;
alter table room_event add column reaction_count integer;

-- The reactions on each live message now: one row per user and emoji. A retraction deletes its message's rows.
create table reaction (
    message_id bigint       not null,
    username   varchar(32)  not null,
    emoji      varchar(32)  not null,
    reacted_at timestamp(6) with time zone not null,
    primary key (message_id, username, emoji)
);
