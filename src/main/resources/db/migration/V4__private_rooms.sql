-- Private rooms and their members. Direct-message rooms ('dm:alice:bob') need no rows: their name says who
-- may enter, and it is longer than other room names may be.
alter table room_event alter column room set data type varchar(80);
alter table read_position alter column room set data type varchar(80);

create table private_room (
    name       varchar(80) not null primary key,
    owner      varchar(32) not null,
    created_at timestamp   not null
);

create table room_member (
    room      varchar(80) not null references private_room (name),
    username  varchar(32) not null,
    joined_at timestamp   not null,
    primary key (room, username)
);
