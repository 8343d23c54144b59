// The network's time zone (GET /api/v1/network/settings, default Asia/Dubai). Instants stay UTC ISO
// strings as the server sends them; the zone says which day an instant falls on, which instant a
// day and a wall-clock time name (the planning forms), and how times are shown, so that everyone
// sees the network's days and hours whatever their device's own zone.

let zone = 'Asia/Dubai';

export function networkZone() {
  return zone;
}

/** Takes the network's zone; false (and the zone unchanged) when this browser does not know it. */
export function setNetworkZone(id) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
  } catch {
    return false;
  }
  zone = id;
  return true;
}

/** The zone's name in `lang` ("Gulf Standard Time", "توقيت الخليج"), or its id when it has none. */
export function zoneName(lang) {
  try {
    const part = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part?.value || zone;
  } catch {
    return zone;
  }
}

const formats = new Map(); // zone -> Intl.DateTimeFormat giving numeric parts

function partsIn(date) {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(zone, format);
  }
  const parts = {};
  for (const { type, value } of format.formatToParts(date)) parts[type] = value;
  return parts;
}

/** The day ("YYYY-MM-DD") and wall-clock time ("HH:MM") of an instant (Date or ISO) in the network's zone. */
export function zonedParts(instant) {
  const p = partsIn(instant instanceof Date ? instant : new Date(instant));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The network's day an instant falls on. */
export function zonedDay(instant) {
  return zonedParts(instant).day;
}

/** The zone's offset from UTC (ms) at the instant ms. */
function offsetAt(ms) {
  const p = partsIn(new Date(ms));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant ("YYYY-MM-DDTHH:MM:SSZ") at which the network's clocks read `time` ("HH:MM") on `day`. */
export function zonedToIso(day, time = '00:00') {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Twice: the second pass takes the offset in force at the instant itself (daylight-saving edges).
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
