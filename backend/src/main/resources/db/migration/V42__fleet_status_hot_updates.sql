-- Every status snapshot updates its site row (health, sequence, times) and its devices' rows: by far the most
-- frequent write of the fleet. An update that changes no indexed column and finds room in its page is a HOT
-- update: no index entry is written. site_watch indexed last_heard_at, which every snapshot changes, so each one
-- wrote two index entries; the sweeper it served reads the whole table anyway (its condition depends on each
-- row's heartbeat), which costs little for 10,000 rows. Leave a fifth of each page free for the new versions.
DROP INDEX site_watch;
ALTER TABLE site SET (fillfactor = 80);
ALTER TABLE site_device SET (fillfactor = 80);

