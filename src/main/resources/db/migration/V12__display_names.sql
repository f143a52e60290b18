-- A name to show, chosen by the user, beside the sign-in name that identifies it. Null: the sign-in name.
alter table account add column display_name varchar(64);
