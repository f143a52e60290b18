-- A direct-message room's name is up to 68 characters (dm:<32>:<32>): room_head took only 64, so on a cluster
-- the first event of a DM between two long names could not be stored. 80, as room_event.room since V4.
alter table room_head alter column room set data type varchar(80);
