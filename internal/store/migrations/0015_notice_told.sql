-- hospitality_notices.told: what the household was last told, in plain
-- form ("start|end|i3,v1,v2", as itinera.GuestsTold writes it), so that a
-- release can say what changed for it ("Now receives Ana and Boris (was
-- Ana)"). The fingerprint still decides; notices sent before keep '':
-- what they told is not known.
ALTER TABLE hospitality_notices ADD COLUMN told TEXT NOT NULL DEFAULT '';
