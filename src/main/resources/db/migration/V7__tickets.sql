-- One-time sign-in tickets, kept in the database so that a ticket issued by one node opens a socket on any.
-- The row holds the SHA-256 of the ticket, never the ticket; a ticket goes with its session.
create table auth_ticket (
    id         varchar(64) not null primary key,
    session_id varchar(64) not null references auth_session (id) on delete cascade,
    expires_at timestamp   not null
);

create index auth_ticket_expiry on auth_ticket (expires_at);
