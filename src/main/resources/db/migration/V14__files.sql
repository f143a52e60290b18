-- Files uploaded into rooms, then sent as messages' attachments (docs/protocol.md, Files). The description and
-- the bytes are apart, so that checking who may read a file never loads it. A file is attached to one message
-- (message_id, null until then); a retraction of that message deletes the file.
create table stored_file (
    id          varchar(32)  not null primary key,
    room        varchar(80)  not null,
    uploader    varchar(32)  not null,
    name        varchar(255) not null,
    media_type  varchar(100) not null,
    inline_image boolean     not null,
    size_bytes  bigint       not null,
    uploaded_at timestamp(6) with time zone not null,
    message_id  bigint
);

create index stored_file_uploader on stored_file (uploader, message_id);

create table file_content (
    id    varchar(32) not null primary key,
    bytes bytea       not null
);

-- A message's attachment, as it was when sent: shown without reading the file's row.
alter table room_event add column attachment_id varchar(32);
alter table room_event add column attachment_name varchar(255);
alter table room_event add column attachment_type varchar(100);
alter table room_event add column attachment_size bigint;
alter table room_event add column attachment_image boolean;
