-- Moderation. A moderation event is a room event (kind MODERATION): its author is the moderator, its text the
-- reason, and these columns say what was done to whom, and until when.
alter table room_event add column action varchar(16);
alter table room_event add column target varchar(32);
alter table room_event add column until_at timestamp(6) with time zone;

-- Who runs each room: its owner (the user who created a private room, or was first to join a public one) and
-- the moderators the owner named. The lobby and direct-message rooms have neither.
create table room_owner (
    room     varchar(80) not null primary key,
    username varchar(32) not null,
    since    timestamp(6) with time zone not null
);

create table room_moderator (
    room     varchar(80) not null,
    username varchar(32) not null,
    since    timestamp(6) with time zone not null,
    primary key (room, username)
);

-- The bans and mutes of each room, as the moderation events left them; until_at null: until lifted.
create table room_sanction (
    room     varchar(80)  not null,
    username varchar(32)  not null,
    kind     varchar(8)   not null,
    by_user  varchar(32)  not null,
    since    timestamp(6) with time zone not null,
    until_at timestamp(6) with time zone,
    reason   varchar(200),
    primary key (room, username, kind)
);

-- Users banned from the whole server by a server moderator: they cannot sign in until the ban ends.
create table server_ban (
    username varchar(32)  not null primary key,
    by_user  varchar(32)  not null,
    since    timestamp(6) with time zone not null,
    until_at timestamp(6) with time zone,
    reason   varchar(200)
);

-- Rooms of the version before: a private room's creator owns it; a public room, the member who joined first.
insert into room_owner (room, username, since)
select name, owner, current_timestamp from private_room;

insert into room_owner (room, username, since)
select m.room, min(m.username), current_timestamp from membership m
where m.room not like 'dm:%'
  and m.joined_at = (select min(n.joined_at) from membership n where n.room = m.room)
group by m.room;
