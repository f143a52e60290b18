-- The last seq taken in each room, kept only by servers that run as several nodes: a node locks its room's
-- row while it stores an event, so nodes take a room's seqs one after the other. A missing row is made from
-- room_event when the room's next event is stored.
create table room_head (
    room     varchar(64) primary key,
    last_seq bigint      not null
);
