-- Each user's conversations. membership: the public rooms a user joined and has not left, and the direct-message
-- rooms it is in (both users get a row with the first message). Private rooms keep their members in room_member;
-- the lobby is everyone's and has no rows.
create table membership (
    username  varchar(32) not null,
    room      varchar(80) not null,
    joined_at timestamp   not null,
    primary key (username, room)
);

-- Who each message mentions by @name: counted as unread mentions, and filtered in the history.
create table mention (
    username varchar(32) not null,
    room     varchar(80) not null,
    seq      bigint      not null,
    primary key (username, room, seq)
);

-- The names a message mentions, as its events carry them (up to 20 names, a space after each).
alter table room_event add column mentions varchar(660);

-- Users of the version before keep the rooms they wrote in or marked read.
insert into membership (username, room, joined_at)
select username, room, current_timestamp from (
    select author as username, room from room_event
    union
    select username, room from read_position
) known
where room <> 'lobby' and room not in (select name from private_room);
