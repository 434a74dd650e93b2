// check.mjs reads one .ics file with ical.js, an implementation independent
// of Itinera's Go code, and prints what it understood as JSON, so that the Go
// tests can compare instants, time zones, UIDs and sequences.
//
// Usage: node check.mjs FILE.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const file = process.argv[2];
if (!file) {
  console.error("usage: node check.mjs FILE.ics");
  process.exit(2);
}

// describeTime reports an ICAL.Time as a UTC instant and as the wall time
// in the zone ical.js resolved. zoneFound is false when the TZID had no
// VTIMEZONE in the calendar (ical.js then falls back to floating time).
function describeTime(prop) {
  if (!prop) return null;
  const t = prop.getFirstValue();
  const tzid = prop.getParameter("tzid") || null;
  const zone = t.zone ? t.zone.tzid : null;
  return {
    utc: t.toJSDate().toISOString(),
    local: t.toString(),
    tzid,
    zone,
    zoneFound: tzid ? zone === tzid : zone === "UTC",
    utcOffsetSeconds: t.utcOffset(),
  };
}

function text(comp, name) {
  const v = comp.getFirstPropertyValue(name);
  return v === null || v === undefined ? null : String(v);
}

function attendee(prop) {
  const p = (name) => prop.getParameter(name) || null;
  return {
    address: String(prop.getFirstValue()),
    cn: p("cn"),
    role: p("role"),
    partstat: p("partstat"),
    rsvp: p("rsvp"),
  };
}

const data = readFileSync(file, "utf8");
const cal = new ICAL.Component(ICAL.parse(data));

const zones = cal.getAllSubcomponents("vtimezone").map((vtz) => {
  const tz = new ICAL.Timezone(vtz);
  const obs = [...vtz.getAllSubcomponents("standard"), ...vtz.getAllSubcomponents("daylight")];
  return { tzid: tz.tzid, observances: obs.length };
});

const events = cal.getAllSubcomponents("vevent").map((ve) => {
  const ev = new ICAL.Event(ve);
  const org = ve.getFirstProperty("organizer");
  const dtstamp = ve.getFirstPropertyValue("dtstamp");
  const geo = ve.getFirstPropertyValue("geo");
  return {
    uid: ev.uid,
    sequence: ev.sequence,
    summary: ev.summary,
    description: ev.description,
    location: ev.location,
    status: text(ve, "status"),
    url: text(ve, "url"),
    dtstamp: dtstamp ? dtstamp.toJSDate().toISOString() : null,
    start: describeTime(ve.getFirstProperty("dtstart")),
    end: describeTime(ve.getFirstProperty("dtend")),
    durationSeconds: ev.duration ? ev.duration.toSeconds() : null,
    organizer: org ? { address: String(org.getFirstValue()), cn: org.getParameter("cn") || null } : null,
    attendees: ve.getAllProperties("attendee").map(attendee),
    categories: ve.getAllProperties("categories").flatMap((p) => p.getValues().map(String)),
    geo: geo ? geo.map(Number) : null,
    alarms: ve.getAllSubcomponents("valarm").map((va) => {
      const trigger = va.getFirstPropertyValue("trigger");
      return { action: text(va, "action"), triggerSeconds: trigger && trigger.toSeconds ? trigger.toSeconds() : null };
    }),
  };
});

const refresh = cal.getFirstProperty("refresh-interval");

// seconds reads a DURATION value; ical.js knows REFRESH-INTERVAL only
// through its VALUE=DURATION parameter.
function seconds(prop) {
  if (!prop) return null;
  const v = prop.getFirstValue();
  if (v && typeof v.toSeconds === "function") return v.toSeconds();
  return ICAL.Duration.fromString(String(v)).toSeconds();
}
console.log(JSON.stringify({
  prodid: text(cal, "prodid"),
  version: text(cal, "version"),
  calscale: text(cal, "calscale"),
  method: text(cal, "method"),
  name: text(cal, "name"),
  calname: text(cal, "x-wr-calname"),
  refreshInterval: refresh ? String(refresh.getFirstValue()) : null,
  refreshIntervalSeconds: seconds(refresh),
  publishedTTL: text(cal, "x-published-ttl"),
  source: text(cal, "source"),
  timezones: zones,
  events,
}, null, 2));
