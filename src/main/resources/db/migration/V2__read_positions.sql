-- How far each user has read in each room: the highest seq it marked as read.
create table read_position (
    username varchar(32) not null,
    room     varchar(64) not null,
    seq      bigint      not null,
    primary key (username, room)
);
