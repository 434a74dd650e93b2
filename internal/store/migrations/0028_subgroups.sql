-- The model of sub-groups (issue 15, part 1): whom a candidate meeting is
-- for (everyone, a sub-group, named visitors) and how many visitors the
-- host receives (0: no limit); the languages it is held in (codes of the
-- catalog, JSON text); the parts of a program day during which the
-- delegation stays together (JSON text: [{"from": minute, "to": minute,
-- "label": text}]); and the program's settings for splitting: lunch
-- together or apart, and the split cost. Old rows: for everyone, no limit,
-- languages not known, no part together, lunch together, the default cost.
ALTER TABLE meetings ADD COLUMN attendance TEXT NOT NULL DEFAULT 'everyone';
ALTER TABLE meetings ADD COLUMN min_visitors INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN max_visitors INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';

-- The visitors a meeting is for, when it names them.
CREATE TABLE meeting_visitors (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    visitor_id BIGINT NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, visitor_id)
);
CREATE INDEX meeting_visitors_visitor ON meeting_visitors (visitor_id);

ALTER TABLE program_days ADD COLUMN together TEXT NOT NULL DEFAULT '[]';

ALTER TABLE programs ADD COLUMN split_lunch TEXT NOT NULL DEFAULT 'together';
ALTER TABLE programs ADD COLUMN split_cost INTEGER NOT NULL DEFAULT 3;
