-- A database as the release with schema version 30 (0030_project_packages) left it:
-- two organizations (tenants), St. Louis and Portland, each with users, a
-- directory, a program with visitors, meetings, an itinerary and its
-- release, requests, home hospitality and mail, with calendar feeds and
-- item sequences. Frozen: written for that schema, never updated for later
-- ones.
-- Plain SQL for SQLite and PostgreSQL: explicit ids, instants as
-- 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (how the store writes them in SQLite),
-- booleans TRUE and FALSE, lists as JSON text.

INSERT INTO tenants (id, slug, name, time_zone, created_at, mail_from_name, mail_from_address) VALUES
  (1, 'stl', 'World Affairs St. Louis', 'America/Chicago', '2026-09-01T14:00:00.000000Z', 'Visitor Programs', 'programs@worldaffairs-stl.example'),
  (2, 'pdx', 'World Affairs Council of Oregon', 'America/Los_Angeles', '2026-09-03T17:30:00.000000Z', '', '');

INSERT INTO users (id, tenant_id, email, name, role, password_hash, created_at) VALUES
  (1, 1, 'price@worldaffairs-stl.example', 'Dana Price', 'admin', '$argon2id$v=19$m=19456,t=2,p=1$cHJpY2Utc2FsdC0wMDE$Zk9mYy1wcmljZS1rZXktMDAxLXRoaXJ0eS10d28tYnl0', '2026-09-01T14:00:00.000000Z'),
  (2, 1, 'lee@worldaffairs-stl.example', 'Jordan Lee', 'officer', '$argon2id$v=19$m=19456,t=2,p=1$bGVlLXNhbHQtMDAwMDAx$bGVlLWtleS0wMDAxLXRoaXJ0eS10d28tYnl0ZXMtbG9u', '2026-09-02T15:10:00.000000Z'),
  (3, 2, 'okafor@wacoregon.example', 'Ngozi Okafor', 'admin', '$argon2id$v=19$m=19456,t=2,p=1$b2thZm9yLXNhbHQtMDAx$b2thZm9yLWtleS0wMDEtdGhpcnR5LXR3by1ieXRlcw', '2026-09-03T17:30:00.000000Z'),
  (4, 2, 'desk@wacoregon.example', '', 'viewer', '$argon2id$v=19$m=19456,t=2,p=1$ZGVzay1zYWx0LTAwMDAx$ZGVzay1rZXktMDAwMS10aGlydHktdHdvLWJ5dGVzLWw', '2026-10-12T20:45:00.000000Z');

INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES
  ('e280b3dc7c22694d66a58ea30c375d6e219434e79eb48222612d3edd924d37c8', 1, '3ef28e6ddd0e28dca30d3c0d739c62d1f8dc79ad6956601d01134659981518ba', '2026-11-01T13:05:00.000000Z', '2026-11-15T13:05:00.000000Z'),
  ('cb9f1a1b7a0c1480472014d2ed59e4c3093a456ee163512657a5b1eb895e5617', 3, '8f8dfa77201b04394883fea6d65ebb946d32a3c05c6ba7d88484254104ea3b7f', '2026-10-30T16:20:00.000000Z', '2026-11-13T16:20:00.000000Z');

INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, revoked_at) VALUES
  (1, 2, 'Calendar sync', 'b10e4092c2c67f635bb8a32214ecc2e738ebcf6406ca3f18b196ba3687b6d97d', '2026-09-20T18:00:00.000000Z', NULL),
  (2, 3, 'Old import script', 'bb2a06106debf1fc5b4b44ae16cdf3670f9a38ed15ac6efe76770510859b1bc8', '2026-09-04T09:00:00.000000Z', '2026-10-01T09:00:00.000000Z');

INSERT INTO topics (id, tenant_id, name, name_key) VALUES
  (1, 1, 'Victim services', 'victim services'),
  (2, 1, 'Public awareness', 'public awareness'),
  (3, 1, 'Prosecution of traffickers', 'prosecution of traffickers'),
  (4, 1, 'Faith communities', 'faith communities'),
  (5, 2, 'Renewable energy', 'renewable energy'),
  (6, 2, 'Water management', 'water management'),
  (7, 2, 'Tribal governance', 'tribal governance');

INSERT INTO places (id, tenant_id, name, kind, address, lat, lon, notes) VALUES
  (1, 1, 'Gateway Arch', 'site', '11 N 4th St, St. Louis, MO 63102', 38.6247, -90.1848, ''),
  (2, 1, 'Hyatt Regency St. Louis at The Arch', 'hotel', '315 Chestnut St, St. Louis, MO 63102', 38.6261, -90.1889, 'Group rate code IVLP'),
  (3, 1, 'Gateway Human Trafficking office', 'office', '3540 Gravois Ave, St. Louis, MO 63118', 38.5937, -90.2386, ''),
  (4, 1, 'The Hendersons'' home', 'home', '7 Maple Ave, Webster Groves, MO 63119', 38.5926, -90.3573, ''),
  (5, 2, 'Hotel Vintage Portland', 'hotel', '422 SW Broadway, Portland, OR 97205', 45.5206, -122.6784, ''),
  (6, 2, 'Bonneville Power Administration', 'office', '905 NE 11th Ave, Portland, OR 97232', 45.529, -122.6547, 'Visitor badges at the front desk'),
  (7, 2, 'Portland Japanese Garden', 'site', '611 SW Kingston Ave, Portland, OR 97205', 45.5189, -122.7066, ''),
  (8, 2, 'The Garcias'' home', 'home', '2211 NE Tillamook St, Portland, OR 97212', 45.5378, -122.6431, '');

INSERT INTO organizations (id, tenant_id, name, kind, description, website, email, phone, place_id) VALUES
  (1, 1, 'Gateway Human Trafficking', 'nonprofit', 'Victim services and public awareness', 'https://gatewayht.example', 'info@gatewayht.example', '+1 314 555 0100', 3),
  (2, 1, 'Interfaith Partnership', 'faith', '', '', '', '', NULL),
  (3, 1, 'St. Louis County Police', 'law enforcement', '', '', '', '+1 314 555 0199', NULL),
  (4, 2, 'Bonneville Power Administration', 'government', 'Federal power marketing administration', 'https://bpa.example', '', '', 6),
  (5, 2, 'Confederated Tribes of Warm Springs', 'government', '', '', '', '', NULL);

INSERT INTO organization_topics (organization_id, topic_id, position) VALUES
  (1, 1, 0), (1, 2, 1), (2, 4, 0), (4, 5, 0), (4, 6, 1), (5, 7, 0);

INSERT INTO contacts (id, tenant_id, organization_id, name, title, email, phone, notes) VALUES
  (1, 1, 1, 'Shima Rostami', 'Executive Director', 'shima@gatewayht.example', '+1 314 555 0101', ''),
  (2, 1, 3, 'Sgt. Mark Ellis', 'Human Trafficking Unit', 'mellis@stlpd.example', '', ''),
  (3, 2, 4, 'Ana Ruiz', 'Public Affairs Specialist', 'aruiz@bpa.example', '+1 503 555 0142', 'Prefers morning meetings'),
  (4, 2, 5, 'Louie Pitt', 'Director of Government Affairs', 'lpitt@warmsprings.example', '', '');

INSERT INTO programs (id, tenant_id, title, project_type, description, city, time_zone, start_date, end_date, hotel_place_id, status, created_at, updated_at) VALUES
  (1, 1, 'Combating Trafficking in Persons', 'IVLP', 'A regional project for prosecutors and shelter directors.', 'St. Louis', 'America/Chicago', '2026-12-05', '2026-12-09', 2, 'released', '2026-09-05T15:00:00.000000Z', '2026-11-01T18:40:00.000000Z'),
  (2, 2, 'Clean Energy and Water', 'IVLP', '', 'Portland', 'America/Los_Angeles', '2027-01-11', '2027-01-15', 5, 'released', '2026-09-10T16:00:00.000000Z', '2026-10-28T22:15:00.000000Z'),
  (3, 1, 'Journalism and Media Literacy', 'Voluntary Visitor', '', 'St. Louis', 'America/Chicago', '2027-03-02', '2027-03-04', NULL, 'cancelled', '2026-10-01T14:00:00.000000Z', '2026-10-20T14:00:00.000000Z');

INSERT INTO program_objectives (program_id, topic_id, position) VALUES
  (1, 1, 0), (1, 3, 1), (2, 5, 0), (2, 6, 1);

INSERT INTO program_days (program_id, day, start_minute, end_minute, lunch_from_minute, lunch_to_minute, lunch_minutes, max_meetings, note) VALUES
  (1, '2026-12-07', 510, 1080, 690, 840, 60, 3, ''),
  (1, '2026-12-08', 510, 1020, 690, 840, 60, 3, 'Early end: reception at 6 pm'),
  (2, '2027-01-12', 540, 1020, 720, 810, 45, 4, '');

INSERT INTO visitors (id, tenant_id, program_id, given_name, family_name, country, position, organization, email, languages, diets, allergies, access_needs, fictional) VALUES
  (1, 1, 1, 'Amara', 'Okonkwo', 'Nigeria', 'Prosecutor', 'Federal Ministry of Justice', 'amara@example.ng', '["en","ig"]', '["vegetarian"]', '[]', '', FALSE),
  (2, 1, 1, 'Lucía', 'Fernández', 'Argentina', 'Shelter director', 'Fundación Alas', 'lucia@example.ar', '["es","en"]', '[]', '["peanuts"]', 'Step-free access', FALSE),
  (3, 1, 1, 'Test', 'Visitor', 'Freedonia', '', '', '', '[]', '[]', '[]', '', TRUE),
  (4, 2, 2, 'Kenji', 'Watanabe', 'Japan', 'Grid engineer', 'Kansai Electric', '', '["ja"]', '["no pork"]', '[]', '', FALSE),
  (5, 2, 2, 'Aroha', 'Ngata', 'New Zealand', 'Water planner', 'Waikato Regional Council', 'aroha@example.nz', '["en","mi"]', '[]', '[]', '', FALSE);

INSERT INTO visitor_interests (visitor_id, topic_id, position) VALUES
  (1, 3, 0), (2, 1, 0), (2, 2, 1), (4, 5, 0), (5, 6, 0);

INSERT INTO interpreters (id, tenant_id, program_id, name, email, phone, languages) VALUES
  (1, 1, 1, 'Carmen Díaz', 'carmen@interpret.example', '+1 314 555 0150', '["es","en"]'),
  (2, 2, 2, 'Yuki Tanaka', '', '', '["ja","en"]');

INSERT INTO meetings (id, tenant_id, program_id, title, host_organization_id, contact_id, place_id, duration_minutes, audience, priority, mandatory, status, notes) VALUES
  (1, 1, 1, 'Victim services roundtable', 1, 1, 3, 90, 'all', 1, TRUE, 'confirmed', 'Bring the NGO directory'),
  (2, 1, 1, 'Police human trafficking unit', 3, 2, NULL, 60, '', 2, FALSE, 'requested', ''),
  (3, 1, 1, 'Faith leaders lunch', 2, NULL, NULL, 60, '', 3, FALSE, 'candidate', ''),
  (4, 2, 2, 'Grid integration of wind power', 4, 3, 6, 90, '', 1, TRUE, 'accepted', ''),
  (5, 2, 2, 'Tribal water rights', 5, 4, NULL, 60, '', 2, FALSE, 'declined', '');

INSERT INTO meeting_partners (meeting_id, organization_id, position) VALUES
  (1, 2, 0), (4, 5, 0);

INSERT INTO meeting_topics (meeting_id, topic_id, position) VALUES
  (1, 1, 0), (1, 2, 1), (4, 5, 0);

INSERT INTO activities (id, tenant_id, program_id, title, kind, place_id, duration_minutes, priority, mandatory, status, notes) VALUES
  (1, 1, 1, 'Gateway Arch visit', 'cultural', 1, 120, 2, FALSE, 'confirmed', ''),
  (2, 1, 1, 'Home hospitality dinner', 'hospitality', NULL, 150, 3, FALSE, 'candidate', ''),
  (3, 2, 2, 'Portland Japanese Garden', 'cultural', 7, 90, 3, FALSE, 'candidate', 'Tickets at the gate');

INSERT INTO activity_topics (activity_id, topic_id, position) VALUES
  (1, 2, 0), (3, 6, 0);

INSERT INTO availability_windows (id, meeting_id, activity_id, starts_at, ends_at) VALUES
  (1, 1, NULL, '2026-12-07T15:00:00.000000Z', '2026-12-07T23:00:00.000000Z'),
  (2, NULL, 1, '2026-12-06T15:00:00.000000Z', '2026-12-06T21:00:00.000000Z'),
  (3, 4, NULL, '2027-01-12T17:00:00.000000Z', '2027-01-12T23:00:00.000000Z');

INSERT INTO itineraries (id, tenant_id, program_id, version, created_at, created_by, note) VALUES
  (1, 1, 1, 1, '2026-10-20T15:00:00.000000Z', 1, 'First draft'),
  (2, 1, 1, 2, '2026-11-01T18:30:00.000000Z', 2, 'After the roundtable was confirmed'),
  (3, 2, 2, 1, '2026-10-28T22:00:00.000000Z', NULL, '');

INSERT INTO itinerary_items (itinerary_id, position, meeting_id, activity_id, starts_at, ends_at, travel_minutes, pinned, sequence, place_id) VALUES
  (1, 0, 1, NULL, '2026-12-07T15:00:00.000000Z', '2026-12-07T16:30:00.000000Z', 0, FALSE, 0, 3),
  (1, 1, NULL, 1, '2026-12-07T17:00:00.000000Z', '2026-12-07T19:00:00.000000Z', 25, FALSE, 0, 1),
  (2, 0, 1, NULL, '2026-12-07T15:30:00.000000Z', '2026-12-07T17:00:00.000000Z', 0, TRUE, 1, 3),
  (2, 1, NULL, 1, '2026-12-07T17:30:00.000000Z', '2026-12-07T19:30:00.000000Z', 25, FALSE, 1, 1),
  (3, 0, 4, NULL, '2027-01-12T17:30:00.000000Z', '2027-01-12T19:00:00.000000Z', 0, FALSE, 0, 6);

INSERT INTO feeds (id, tenant_id, program_id, kind, subject_id, token_hash, created_at, revoked_at) VALUES
  (1, 1, 1, 'program', 0, '5b8b11e0780a5502922ab5b9d97b3c30f74aac906ee031f2421d3ce70b1dfc8f', '2026-11-01T18:45:00.000000Z', NULL),
  (2, 1, 1, 'visitor', 2, '6cf9ff2b262e615b7077e7ad09f6429a57c526847cc8fc0883279e206cfc84fc', '2026-10-20T15:10:00.000000Z', '2026-11-01T18:46:00.000000Z'),
  (3, 2, 2, 'interpreter', 2, '30c34c6b12e933793611cb535929b77342753eff3adc2de7d6bd742ae79d6db8', '2026-10-28T22:20:00.000000Z', NULL);

INSERT INTO releases (id, tenant_id, program_id, itinerary_id, version, released_at, released_by, note) VALUES
  (1, 1, 1, 2, 1, '2026-11-01T18:40:00.000000Z', 1, 'Sent to the visitors and the embassy'),
  (2, 2, 2, 3, 1, '2026-10-28T22:15:00.000000Z', 3, '');

INSERT INTO requests (id, tenant_id, meeting_id, contact_id, status, message, token_hash, expires_at, sent_at, created_at, viewed_at, confirmed_start, confirmed_end, confirmed_at) VALUES
  (1, 1, 2, 2, 'sent', 'Dear Sgt. Ellis,
would your unit receive our delegation of prosecutors?', '9456bdfa12ea76959c94a3572f5d91c73d838622df0a8d9b4e815c276c6b7880', '2026-11-20T06:00:00.000000Z', '2026-11-06T15:00:00.000000Z', '2026-11-06T14:55:00.000000Z', NULL, NULL, NULL, NULL),
  (2, 1, 1, 1, 'accepted', '', 'a697f8b99a46c8465b9a70e7af44e49a7665cf1ce8e62c3b42678f1c26b21814', '2026-10-30T06:00:00.000000Z', '2026-10-16T14:00:00.000000Z', '2026-10-16T13:58:00.000000Z', '2026-10-17T09:05:00.000000Z', '2026-12-07T15:30:00.000000Z', '2026-12-07T17:00:00.000000Z', '2026-10-18T14:00:00.000000Z'),
  (3, 2, 4, 3, 'accepted', '', 'bc0e142195cb27a6127a29283e0ccdfb3a51449da848f04abee1c1526184084e', '2026-11-04T07:00:00.000000Z', '2026-10-21T17:00:00.000000Z', '2026-10-21T16:59:00.000000Z', '2026-10-22T16:30:00.000000Z', NULL, NULL, NULL),
  (4, 2, 5, 4, 'declined', '', NULL, NULL, '2026-10-21T17:05:00.000000Z', '2026-10-21T17:04:00.000000Z', '2026-10-23T17:55:00.000000Z', NULL, NULL, NULL),
  (5, 1, 3, 1, 'draft', '', NULL, NULL, NULL, '2026-11-01T19:00:00.000000Z', NULL, NULL, NULL, NULL);

INSERT INTO request_windows (request_id, position, starts_at, ends_at) VALUES
  (1, 0, '2026-12-07T15:00:00.000000Z', '2026-12-07T18:00:00.000000Z'),
  (1, 1, '2026-12-08T15:00:00.000000Z', '2026-12-08T18:00:00.000000Z'),
  (3, 0, '2027-01-12T17:00:00.000000Z', '2027-01-12T23:00:00.000000Z');

INSERT INTO request_events (id, request_id, at, kind, detail) VALUES
  (1, 1, '2026-11-06T14:55:00.000000Z', 'created', ''),
  (2, 1, '2026-11-06T15:00:00.000000Z', 'sent', 'to mellis@stlpd.example'),
  (3, 2, '2026-10-17T09:12:00.000000Z', 'accepted', ''),
  (4, 3, '2026-10-22T16:40:00.000000Z', 'accepted', ''),
  (5, 4, '2026-10-23T18:00:00.000000Z', 'declined', 'Travelling that week');

INSERT INTO request_answers (request_id, kind, slot_start, slot_end, reason, colleague_name, colleague_email, colleague_note, partners, comment, answered_at) VALUES
  (2, 'accept', '2026-12-07T15:30:00.000000Z', '2026-12-07T17:00:00.000000Z', '', '', '', '', '["Interfaith Partnership"]', 'We will host it in our conference room.', '2026-10-17T09:12:00.000000Z'),
  (3, 'available', NULL, NULL, '', '', '', '', '[]', '', '2026-10-22T16:40:00.000000Z'),
  (4, 'decline', NULL, NULL, 'Travelling that week', 'Dana Smith', 'dsmith@warmsprings.example', 'Our water program manager', '[]', '', '2026-10-23T18:00:00.000000Z');

INSERT INTO request_answer_windows (request_id, kind, position, starts_at, ends_at) VALUES
  (3, 'available', 0, '2027-01-12T17:00:00.000000Z', '2027-01-12T20:00:00.000000Z'),
  (3, 'available', 1, '2027-01-13T17:00:00.000000Z', '2027-01-13T19:00:00.000000Z');

INSERT INTO host_households (id, tenant_id, name, place_id, contact_name, email, phone, languages, can_serve, pets, smoking, stairs, capacity, availability, note, status, token_hash, created_at, token_expires_at, interests, free_dates, free_weekdays, updated_at) VALUES
  (1, 1, 'The Hendersons', 4, 'Ruth Henderson', 'ruth@example.com', '+1 314 555 0177', '["en","de"]', '["vegetarian"]', '["cat"]', FALSE, TRUE, 4, 'Weekday evenings', '', 'approved', '59d5cc78f937fdce735cb46b0f8491d373b8769d10349c003130a9b73fbf244e', '2026-09-15T01:00:00.000000Z', '2027-03-15T01:00:00.000000Z', '["Victim services","Gardening"]', '["2026-12-07","2026-12-08"]', '["Monday","Tuesday"]', '2026-10-30T02:00:00.000000Z'),
  (2, 1, 'The Nguyens', NULL, 'Lan Nguyen', 'lan@example.com', '', '["en","vi"]', '[]', '[]', FALSE, FALSE, 3, '', 'Signed up at the fall picnic', 'pending', NULL, '2026-10-05T23:00:00.000000Z', NULL, '[]', '[]', '[]', NULL),
  (3, 2, 'The Garcias', 8, 'María García', 'maria@example.com', '', '["es","en"]', '["vegetarian","halal"]', '["dog"]', FALSE, FALSE, 5, '', '', 'approved', 'ef570fe76fb56886e6a65fad82ef2fa52c434691804f28545b2353a9fa9632f5', '2026-09-20T04:00:00.000000Z', '2027-03-20T04:00:00.000000Z', '["Renewable energy"]', '[]', '["Tuesday","Wednesday"]', '2026-10-02T18:00:00.000000Z');

INSERT INTO hospitality_evenings (id, tenant_id, program_id, starts_at, ends_at, status, min_group, note, confirmed_at, activity_id) VALUES
  (1, 1, 1, '2026-12-08T00:00:00.000000Z', '2026-12-08T03:00:00.000000Z', 'confirmed', 2, 'Pick-up at the hotel lobby at 5:45 pm', '2026-11-01T18:00:00.000000Z', 2),
  (2, 2, 2, '2027-01-13T02:00:00.000000Z', '2027-01-13T05:00:00.000000Z', 'matched', 3, '', NULL, NULL);

INSERT INTO hospitality_guests (evening_id, household_id, visitor_id, interpreter_id, locked) VALUES
  (1, 1, 1, NULL, TRUE),
  (1, 1, 2, NULL, FALSE),
  (1, 1, NULL, 1, FALSE);

INSERT INTO hospitality_participants (evening_id, visitor_id, interpreter_id, unplaced_reason) VALUES
  (1, 1, NULL, ''),
  (1, 2, NULL, ''),
  (1, NULL, 1, ''),
  (2, 4, NULL, ''),
  (2, 5, NULL, 'No household has room for a group of three');

INSERT INTO hospitality_invitations (evening_id, household_id, status, invited_at, answer, answer_note, answered_at) VALUES
  (1, 1, 'invited', '2026-10-25T15:00:00.000000Z', 'yes', 'We can pick them up at six', '2026-10-26T09:00:00.000000Z'),
  (1, 2, 'unavailable', '2026-10-25T15:00:00.000000Z', 'no', '', '2026-10-26T10:00:00.000000Z'),
  (2, 3, 'invited', '2026-10-29T17:00:00.000000Z', '', '', NULL);

INSERT INTO hospitality_notices (evening_id, household_id, tenant_id, fingerprint, sequence, cancelled, sent_at) VALUES
  (1, 1, 1, '858c06cf9c505c9f135e64d506f2e40dcb5bc6992bfd8d97f31e6b7caa8b0d38', 1541520, FALSE, '2026-11-01T18:00:00.000000Z'),
  (2, 3, 2, '', 1541600, TRUE, '2026-10-30T19:00:00.000000Z');

INSERT INTO hospitality_pairs (id, tenant_id, program_id, evening_id, visitor_a, visitor_b, kind) VALUES
  (1, 1, 1, NULL, 1, 2, 'together'),
  (2, 2, 2, 2, 4, 5, 'apart');

INSERT INTO volunteer_hours (evening_id, household_id, tenant_id, minutes, recorded_at) VALUES
  (1, 1, 1, 240, '2026-11-01T18:00:00.000000Z'),
  (2, 3, 2, 180, '2026-10-30T19:00:00.000000Z');

INSERT INTO outcomes (id, tenant_id, program_id, kind, visitor_id, contact_id, organization_id, description, occurred_on, recorded_at) VALUES
  (1, 1, 1, 'joint project', 1, 1, 1, 'A shared referral protocol for survivors', '2027-02-01', '2026-11-01T19:30:00.000000Z'),
  (2, 2, 2, 'information sharing', 4, NULL, 4, '', '', '2026-10-29T00:10:00.000000Z'),
  (3, 1, NULL, 'other', NULL, NULL, NULL, 'Alumni newsletter feature', '', '2026-10-10T15:00:00.000000Z');

INSERT INTO outbox (id, tenant_id, message_id, to_address, subject, text_body, html_body, calendar, calendar_method, status, attempts, next_attempt_at, lease_until, last_error, created_at, sent_at) VALUES
  (1, 1, '<20261106145500.4f2a91c0@worldaffairs-stl.example>', 'mellis@stlpd.example', 'Meeting request: Police human trafficking unit', 'Dear Sgt. Ellis,

would your unit receive our delegation of prosecutors?
Please answer here: https://itinera.example/r/…', '<p>Dear Sgt. Ellis,</p>', '', '', 'sent', 1, '2026-11-06T15:00:00.000000Z', NULL, '', '2026-11-06T14:55:00.000000Z', '2026-11-06T15:00:02.000000Z'),
  (2, 1, '<20261101183000.77be03d1@worldaffairs-stl.example>', 'shima@gatewayht.example', 'Confirmed: Victim services roundtable', 'Your meeting is confirmed.', '', 'BEGIN:VCALENDAR
VERSION:2.0
METHOD:REQUEST
END:VCALENDAR', 'REQUEST', 'failed', 5, '2026-11-01T20:30:00.000000Z', NULL, 'smtp: 550 mailbox unavailable', '2026-11-01T18:30:00.000000Z', NULL),
  (3, 2, '<20261101200000.0c9d5e22@itinera.example>', 'aruiz@bpa.example', 'Meeting request: Grid integration of wind power', 'Dear Ms. Ruiz, …', '', '', '', 'sending', 1, '2026-11-02T15:00:00.000000Z', '2026-11-02T15:05:00.000000Z', '', '2026-11-01T20:00:00.000000Z', NULL),
  (4, 2, '<20261025170000.9a1b2c3d@itinera.example>', 'lpitt@warmsprings.example', 'Cancelled: Tribal water rights', 'The meeting is cancelled.', '', 'BEGIN:VCALENDAR
VERSION:2.0
METHOD:CANCEL
END:VCALENDAR', 'CANCEL', 'queued', 0, '2026-11-02T16:00:00.000000Z', NULL, '', '2026-10-25T17:00:00.000000Z', NULL);

-- What 0007 added: record versions above 1, and stored idempotent answers.
UPDATE meetings SET version = 4 WHERE id = 1;
UPDATE programs SET version = 2 WHERE id = 2;
UPDATE users SET version = 3 WHERE id = 1;
UPDATE tenants SET version = 2 WHERE id = 2;

INSERT INTO idempotency_keys (tenant_id, idem_key, fingerprint, status, location, body, created_at) VALUES
  (1, 'create-place-7f3a', 'c0ffee', 201, '/api/v1/places/1', '{"id":1}', '2026-11-02T14:00:00.000000Z'),
  (2, 'create-program-b2', 'beef', 201, '/api/v1/programs/2', '{"id":2}', '2026-11-02T14:30:00.000000Z');

-- What 0008 added: a user whose password was reset must change it.
UPDATE users SET must_change_password = TRUE WHERE id = 2;

-- What 0009 added: imports with their records, remembered mappings,
-- external ids and a waiting upload, in both organizations.
INSERT INTO imports (id, tenant_id, program_id, kind, file_name, user_id, created_at, created, updated, unchanged, undone_at, undone_by) VALUES
  (1, 1, 1, 'visitors', 'roster-agency.xlsx', 1, '2026-11-03T09:00:00.000000Z', 1, 1, 0, NULL, NULL),
  (2, 1, NULL, 'places', 'venues.csv', 2, '2026-11-04T10:00:00.000000Z', 1, 0, 0, '2026-11-04T11:00:00.000000Z', 1),
  (3, 2, 2, 'visitors', 'roster.csv', 3, '2026-11-05T16:00:00.000000Z', 0, 0, 2, NULL, NULL);
INSERT INTO import_records (import_id, record_id, created, before_json, version) VALUES
  (1, 1, FALSE, '{"ID":1,"GivenName":"Amara"}', 2),
  (1, 2, TRUE, '', 1),
  (2, 3, TRUE, '', 1);
INSERT INTO import_mappings (tenant_id, kind, shape, fields, updated_at) VALUES
  (1, 'visitors', 'participant id|given name(s)|surname', '["external_id","given_name","family_name"]', '2026-11-03T09:00:00.000000Z'),
  (2, 'places', 'name|type|address', '["name","kind","address"]', '2026-11-05T16:00:00.000000Z');
INSERT INTO external_ids (tenant_id, kind, scope, external_id, record_id) VALUES
  (1, 'visitors', 1, 'IV-2026-001', 1),
  (2, 'visitors', 2, 'OR-17', 4);
INSERT INTO import_uploads (id, tenant_id, program_id, kind, file_name, sheet, data, user_id, created_at) VALUES
  (1, 1, NULL, 'places', 'more-venues.csv', '', 'Name,Kind,Address', 2, '2026-11-06T08:00:00.000000Z'),
  (2, 2, 2, 'visitors', 'late-roster.csv', '', 'Given name,Country', 3, '2026-11-06T09:00:00.000000Z');

-- What 0010_geography added: where coordinates came from, the geocoder's
-- cache and the officers' own travel times.
UPDATE places SET coordinates_source = 'geocoder' WHERE id = 3;
UPDATE places SET coordinates_source = 'map' WHERE id = 4;
INSERT INTO geo_cache (service, cache_key, value, created_at) VALUES
  ('nominatim https://nominatim.example.org', '3540 gravois ave, st. louis, mo 63118', '[{"lat":38.5937,"lon":-90.2386,"label":"3540 Gravois Ave"}]', '2026-11-07T08:00:00.000000Z');
INSERT INTO travel_overrides (tenant_id, program_id, from_place_id, to_place_id, minutes, note) VALUES
  (1, 1, 2, 3, 25, 'Gravois is slow at rush hour'),
  (2, 2, 5, 6, 40, '');

-- What 0011_travel_and_books added: the organizations' travel, paper and
-- phones, and a day's own travel mode.
UPDATE tenants SET travel_mode = 'car', walk_short_hops = FALSE, paper_size = 'a4', phone = '+1 503 555 0100',
  emergency_phone = '+1 503 555 0199' WHERE id = 2;
UPDATE program_days SET travel_mode = 'walking' WHERE program_id = 1 AND day = '2026-12-08';

-- What 0012_distribution added: a message's files and the organizations'
-- calendar reminders.
INSERT INTO outbox_attachments (outbox_id, position, name, content_type, data) VALUES
  (1, 0, 'program.ics', 'text/calendar', 'BEGIN:VCALENDAR');
UPDATE tenants SET calendar_reminder_minutes = 30 WHERE id = 1;

-- What 0013_releases added: who each release brought up to date, the
-- SEQUENCE each resource was last told, the visitors' questions.
INSERT INTO release_recipients (release_id, kind, person_id) VALUES
  (1, 'visitor', 1), (1, 'interpreter', 1), (2, 'visitor', 4);
UPDATE requests SET told_sequence = 1 WHERE id = 2;
UPDATE meetings SET questions = 'How do shelters and prosecutors share cases?' WHERE id = 1;

-- What 0014_program_language added: a program's language.
UPDATE programs SET language = 'fr' WHERE id = 2;

-- What 0015_notice_told added: what a household was told.
UPDATE hospitality_notices SET told = '2026-12-06T23:00:00Z|2026-12-07T02:00:00Z|v1,v2' WHERE evening_id = 1 AND household_id = 1;

-- What 0016_accounts added: a pending password reset of each tenant, sign-ins,
-- notifications seen, a daily digest, a read-only token that was used.
INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES
  (2, '5f2b1c9e4a7d3b8f0e6c2a9d4b7e1f3a8c5d2e9b6a3f0c7d4e1b8a5f2c9e6d3b', '2026-11-10T09:00:00.000000Z', '2026-11-10T10:00:00.000000Z'),
  (4, '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b', '2026-11-11T09:00:00.000000Z', '2026-11-11T10:00:00.000000Z');
UPDATE users SET signed_in_at = '2026-11-12T15:00:00.000000Z', last_signed_in_at = '2026-11-10T14:00:00.000000Z',
  alerts_seen_at = '2026-11-12T15:05:00.000000Z', daily_digest = TRUE, digest_day = '2026-11-12' WHERE id = 2;
UPDATE api_tokens SET access = 'read', last_used_at = '2026-11-12T16:00:00.000000Z' WHERE id = 1;

-- What 0017_search_and_audit added: search entries of two programs, and
-- an audit log entry of each tenant.
INSERT INTO search_entries (id, tenant_id, kind, record_id, program_id, title, body) VALUES
  (1, 1, 'program', 1, 1, 'Combating Trafficking in Persons', 'St. Louis · IVLP · A regional project for prosecutors and shelter directors.'),
  (2, 2, 'program', 2, 2, 'Clean Energy and Water', 'Portland · IVLP · ');
INSERT INTO audit_log (id, tenant_id, at, user_id, actor, kind, record_id, program_id, action, label, old_values, new_values) VALUES
  (1, 1, '2026-11-12T16:00:00.000000Z', 2, 'Jordan Lee', 'program', 1, 1, 'changed', 'Combating Trafficking in Persons', '{"title":"Trafficking"}', '{"title":"Combating Trafficking in Persons"}'),
  (2, 2, '2026-11-12T17:00:00.000000Z', 3, 'Ngozi Okafor', 'program', 2, 2, 'created', 'Clean Energy and Water', '{}', '{"title":"Clean Energy and Water"}');

-- What 0018_followup added: feedback links with a rated meeting, a
-- collaboration and a thank-you draft of each tenant, and the tenants'
-- reminder delay and thank-you template.
UPDATE tenants SET feedback_reminder_days = 10, thank_you_subject = 'Thank you', thank_you_body = 'Dear {name}, thank you.' WHERE id = 1;
INSERT INTO feedback_links (id, tenant_id, program_id, role, person_id, name, email, organization_id, token_hash, sent_at, expires_at, reminded_at, answered_at, rating, host_again, comment) VALUES
  (1, 1, 1, 'visitor', 1, 'Amara Okonkwo', 'amara@example.ng', NULL, 'f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a69788', '2026-12-10T15:00:00.000000Z', '2027-01-10T15:00:00.000000Z', NULL, '2026-12-11T09:00:00.000000Z', 5, '', 'Very useful.'),
  (2, 2, 2, 'resource', 3, 'Dana Whitfield', 'dana@example.org', 4, 'a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4e5f60718', '2027-01-16T18:00:00.000000Z', '2027-02-16T18:00:00.000000Z', '2027-01-23T18:00:00.000000Z', NULL, 0, '', '');
INSERT INTO feedback_ratings (tenant_id, link_id, meeting_id, rating, comment) VALUES
  (1, 1, 1, 4, 'Good contacts.'),
  (2, 2, 4, 3, '');
INSERT INTO collaborations (id, version, tenant_id, program_id, kind, status, title, description, visitor_ids, organization_ids, countries, started_on, evidence_url, recorded_by, feedback_link_id, created_at, updated_at) VALUES
  (1, 2, 1, 1, 'training', 'ongoing', 'Shelter staff training', '', '[1,2]', '[1]', '["Nigeria"]', '2027-02-01', '', 'Amara Okonkwo', 1, '2026-12-11T09:05:00.000000Z', '2026-12-20T09:05:00.000000Z'),
  (2, 1, 2, 2, 'joint project', 'planned', 'Grid study', '', '[4]', '[4]', '["Japan"]', '', 'https://example.org/grid', 'staff', NULL, '2027-01-20T18:00:00.000000Z', '2027-01-20T18:00:00.000000Z');
INSERT INTO thank_you_drafts (id, tenant_id, program_id, role, person_id, name, email, subject, body, created_at, sent_at) VALUES
  (1, 1, 1, 'resource', 1, 'Shima Rostami', 'shima@example.org', 'Thank you', 'Dear Shima Rostami, thank you.', '2026-12-10T16:00:00.000000Z', NULL),
  (2, 2, 2, 'resource', 3, 'Dana Whitfield', 'dana@example.org', 'Thank you', 'Dear Dana Whitfield, thank you.', '2027-01-16T19:00:00.000000Z', '2027-01-16T20:00:00.000000Z');

-- What 0019_inbound added: a received message of each tenant, one a
-- calendar answer tied to a request and the invitation it answers.
INSERT INTO inbound_messages (id, tenant_id, message_id, received_at, from_address, subject, kind, matched, outcome, request_id, outbox_id, body) VALUES
  (1, 1, '<reply-7@stlpd.example>', '2026-11-07T09:00:00.000000Z', 'mellis@stlpd.example', 'Declined: Police human trafficking unit', 'calendar-reply', TRUE, 'Declined in their calendar.', 1, 1, 'Sorry, not that week.'),
  (2, 2, '<ooo-1@example.org>', '2026-10-22T08:00:00.000000Z', 'dana@example.org', 'Out of office', 'auto-reply', FALSE, 'An automatic reply; nothing changed.', NULL, NULL, 'I am away.');

-- What 0020_mailboxes added: each tenant's mailbox, one read over IDLE,
-- and a message of each that was not taken.
INSERT INTO mailboxes (tenant_id, version, host, port, security, username, password, folder, uid_validity, last_uid, last_poll_at, last_error, last_error_at, idle, taken) VALUES
  (1, 3, 'imap.gateway-global.example', 993, 'tls', 'answers', 'secret-1', 'INBOX', 1700000000, 42, '2026-11-13T10:05:00.000000Z', '', NULL, TRUE, 17),
  (2, 1, '127.0.0.1', 1143, 'none', 'box', 'secret-2', 'Answers', 7, 3, '2026-11-13T11:00:00.000000Z', 'The server refused the password.', '2026-11-13T11:00:00.000000Z', FALSE, 0);
INSERT INTO mailbox_problems (id, tenant_id, uid_validity, uid, size, status, attempts, reason, first_at, next_attempt_at) VALUES
  (1, 1, 1700000000, 40, 31457280, 'too-large', 0, 'Larger than 25 MiB.', '2026-11-13T10:00:00.000000Z', NULL),
  (2, 2, 7, 2, 2048, 'failing', 2, 'Could not be recorded.', '2026-11-13T11:00:00.000000Z', '2026-11-13T11:30:00.000000Z');

-- What 0021_followup_links added: an organization's own follow-up
-- schedule, a follow-up link of each tenant (one answered with a
-- collaboration), and the collaboration recorded from it.
UPDATE tenants SET follow_up_months = '6,12' WHERE id = 2;
INSERT INTO followup_links (id, tenant_id, program_id, role, person_id, name, email, organization_id, months, token_hash, sent_at, expires_at, answered_at, answer) VALUES
  (1, 1, 1, 'visitor', 1, 'Amara Okonkwo', 'amara@example.ng', NULL, 3, 'followup-hash-1', '2027-03-10T09:00:00.000000Z', '2027-05-09T09:00:00.000000Z', '2027-03-12T10:00:00.000000Z', 'collaboration'),
  (2, 2, 2, 'resource', 1, 'Grid Contact', 'grid@bpa.example', 4, 6, 'followup-hash-2', '2027-07-20T09:00:00.000000Z', '2027-09-18T09:00:00.000000Z', NULL, '');
UPDATE collaborations SET followup_link_id = 1 WHERE id = 1;

-- What 0022_mail_answers added: a proposed new time on a confirmed
-- request, a failing address, a dismissed message, a sent message tied to
-- its request with its reply address, and each tenant's reply key.
UPDATE requests SET counter_start = '2026-12-07T19:00:00.000000Z', counter_end = '2026-12-07T20:30:00.000000Z', counter_comment = 'Could we start later?', counter_inbound_id = 1 WHERE id = 2;
UPDATE contacts SET email_failing = 'Returned: 5.1.1 User unknown' WHERE id = 3;
UPDATE inbound_messages SET dismissed = TRUE WHERE id = 2;
UPDATE outbox SET request_id = 1, reply_to = 'programs+r1-abcdef0123@worldaffairs-stl.example' WHERE id = 1;
UPDATE tenants SET reply_key = 'key-of-tenant-1' WHERE id = 1;
UPDATE tenants SET reply_key = 'key-of-tenant-2' WHERE id = 2;

-- What 0023_reports added: visitors' sectors, a volunteer hour's value
-- and a letterhead address, and a program's economic inputs in each
-- tenant.
UPDATE visitors SET sector = 'Government' WHERE id = 1;
UPDATE visitors SET sector = 'Civil society' WHERE id = 5;
UPDATE tenants SET volunteer_hour_cents = 3479, address = '1 Main Street
St. Louis, MO 63101' WHERE id = 1;
INSERT INTO program_economics (program_id, tenant_id, version, hotel_nights, hotel_cents, meals, meals_cents, transport_cents, note, updated_at) VALUES
  (1, 1, 2, 63, 945000, 40, 60000, 44000, 'As invoiced.', '2026-12-15T10:00:00.000000Z'),
  (2, 2, 1, 10, 150000, 0, 0, 0, '', '2027-01-20T10:00:00.000000Z');

-- What 0024_outbox_by_status added: an index only, no data.

-- What 0025_rate_buckets added: the shared rate limits' buckets.
INSERT INTO rate_buckets (name, key, tokens, at_ns) VALUES
  ('sign-in account', 'officer@worldaffairs-stl.example', 7.5, 1795000000000000000),
  ('resource link', '192.0.2.10', 19, 1795000000500000000);

-- What 0026_alerts_revision added: each organization's bell counter.
UPDATE tenants SET alerts_rev = 3 WHERE id = 1;
UPDATE tenants SET alerts_rev = 1 WHERE id = 2;

-- What 0027_organizations_by_name added: an index only, no data.

-- What 0028_subgroups added: whom a meeting is for, its capacity and
-- languages, the named visitors, a day's parts together, the program's
-- split settings.
UPDATE meetings SET attendance = 'visitors', min_visitors = 1, max_visitors = 5, languages = '["en"]' WHERE id = 2;
UPDATE meetings SET attendance = 'subgroup', max_visitors = 3, languages = '["en","es"]' WHERE id = 4;
INSERT INTO meeting_visitors (meeting_id, visitor_id, position) VALUES
  (2, 1, 0), (2, 2, 1), (4, 5, 0);
UPDATE program_days SET together = '[{"from":1080,"to":1290,"label":"Reception"}]' WHERE program_id = 1 AND day = '2026-12-08';
UPDATE program_days SET together = '[{"from":540,"to":600,"label":"Welcome"}]' WHERE program_id = 2 AND day = '2027-01-12';
UPDATE programs SET split_lunch = 'apart', split_cost = 5 WHERE id = 1;
UPDATE programs SET split_lunch = 'together', split_cost = 0 WHERE id = 2;

-- 0029_projects: a national program agency with a project whose St. Louis
-- stop is accepted (program 1) and whose Portland stop is proposed; Portland
-- is an agency too, with a project of its own.
UPDATE tenants SET kind = 'agency' WHERE id = 2;
INSERT INTO tenants (id, slug, name, time_zone, created_at, kind) VALUES
  (3, 'agency', 'National Program Agency', 'America/New_York', '2026-11-02T15:00:00.000000Z', 'agency');
INSERT INTO projects (id, tenant_id, version, title, theme, objectives, retention_days, shared, created_at, updated_at) VALUES
  (1, 3, 2, 'Combating Trafficking in Persons', 'Prevention and prosecution', '["victim services"]', 45, '["country","languages"]', '2026-11-02T15:00:00.000000Z', '2026-11-02T16:00:00.000000Z'),
  (2, 2, 1, 'Rural Broadband', '', '[]', 30, '[]', '2026-11-04T15:00:00.000000Z', '2026-11-04T15:00:00.000000Z');
INSERT INTO project_roster (id, tenant_id, project_id, version, role, given_name, family_name, country, passport, languages, withdrawn, fictional) VALUES
  (1, 3, 1, 1, 'visitor', 'Ana', 'Silva', 'Brazil', 'X1234567', '["Portuguese"]', FALSE, TRUE),
  (2, 3, 1, 2, 'interpreter', 'Ines', 'Moreau', '', '', '["French","English"]', TRUE, FALSE),
  (3, 2, 2, 1, 'visitor', 'Kofi', 'Mensah', 'Ghana', '', '[]', FALSE, FALSE);
INSERT INTO project_stops (id, tenant_id, project_id, version, city, time_zone, start_date, end_date, status, program_id, arrival_mode, arrival_ref, departs_at, arrives_at, notes) VALUES
  (1, 1, 1, 2, 'St. Louis', 'America/Chicago', '2026-12-05', '2026-12-09', 'accepted', 1, 'flight', 'UA 1234', '2026-12-05T20:30:00.000000Z', '2026-12-05T23:30:00.000000Z', 'Hotel booked'),
  (2, 2, 1, 1, 'Portland', 'America/Los_Angeles', '2026-12-09', '2026-12-12', 'proposed', NULL, 'ground', '', NULL, NULL, '');
INSERT INTO project_grants (id, project_id, stop_id, grantor_id, grantee_id, scope, since_at, until_at, created_by, revoked_at, revoked_by) VALUES
  (1, 1, 1, 3, 1, 'roster', '2026-11-02T15:00:00.000000Z', '2027-01-24T06:00:00.000000Z', 'National Program Agency (on acceptance)', NULL, ''),
  (2, 1, 1, 1, 3, 'program', '2026-11-02T15:00:00.000000Z', NULL, 'Dana Price', '2026-11-05T15:00:00.000000Z', 'Dana Price');
INSERT INTO project_notices (id, tenant_id, project_id, stop_id, program_id, noticed_at, text, itinerary, release_id) VALUES
  (1, 1, 1, 1, 1, '2026-11-03T15:00:00.000000Z', 'Ines Moreau withdrew from the project.', TRUE, 1),
  (2, 3, 1, 1, NULL, '2026-11-02T16:00:00.000000Z', 'World Affairs St. Louis accepted the stop in St. Louis.', FALSE, NULL);

-- 0030_project_packages: St. Louis's key, the agency's key trusted by St.
-- Louis, the stop package St. Louis imported and the return package the
-- agency imported.
INSERT INTO signing_keys (tenant_id, private_key, public_key, key_id, created_at) VALUES
  (1, 'PEM', 'A9LEZLO2wHTLW2L1jH5+Ev5x8yS7p9KV9zUIhkqa2MFD=', 'ed25519:0000000000000000000000000000000a', '2026-11-06T15:00:00.000000Z'),
  (3, 'PEM', 'FD9LEZLO2wHTLW2L1jH5+Ev5x8yS7p9KV9zUIhkqa2M=', 'ed25519:f3734e2fbd2c0293fa8b04ae2f432bbd', '2026-11-06T15:00:00.000000Z');
INSERT INTO trusted_keys (id, tenant_id, name, public_key, key_id, created_at, created_by, revoked_at, revoked_by) VALUES
  (1, 1, 'National Program Agency', 'FD9LEZLO2wHTLW2L1jH5+Ev5x8yS7p9KV9zUIhkqa2M=', 'ed25519:f3734e2fbd2c0293fa8b04ae2f432bbd', '2026-11-06T15:00:00.000000Z', 'Dana Price', NULL, ''),
  (2, 3, 'World Affairs St. Louis', 'A9LEZLO2wHTLW2L1jH5+Ev5x8yS7p9KV9zUIhkqa2MFD=', 'ed25519:0000000000000000000000000000000a', '2026-11-06T15:00:00.000000Z', 'Agency officer', '2026-11-08T15:00:00.000000Z', 'Agency officer');
INSERT INTO project_packages (id, tenant_id, kind, digest, key_id, issuer, issued_at, imported_at, imported_by, program_id, stop_id, payload) VALUES
  (1, 1, 'stop', 'sha256:00', 'ed25519:f3734e2fbd2c0293fa8b04ae2f432bbd', 'National Program Agency', '2026-11-06T15:00:00.000000Z', '2026-11-06T16:00:00.000000Z', 'Dana Price', 1, NULL, '{}'),
  (2, 3, 'return', 'sha256:01', 'ed25519:0000000000000000000000000000000a', 'World Affairs St. Louis', '2026-11-07T15:00:00.000000Z', '2026-11-07T16:00:00.000000Z', 'Agency officer', NULL, 1, '{}');
