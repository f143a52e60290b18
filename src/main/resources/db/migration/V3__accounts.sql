-- Registered users and their signed-in sessions. A session row holds the SHA-256 of its token, never the token.
create table account (
    username      varchar(32)  not null primary key,
    password_hash varchar(200) not null,
    created_at    timestamp    not null
);

create table auth_session (
    id         varchar(64) not null primary key,
    username   varchar(32) not null references account (username),
    created_at timestamp   not null,
    expires_at timestamp   not null
);

create index auth_session_expiry on auth_session (expires_at);
