// Dates as people read them on order and tracking pages. Local dates ('YYYY-MM-DD') are calendar days: formatted in
// UTC so no zone can move them; instants are shown in the given zone.
export function formatDay(d: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
}

export function formatInstant(at: Date, tz = 'America/New_York'): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: tz, timeZoneName: 'short' }).format(at);
}

export function formatTime(at: Date, tz = 'America/New_York'): string {
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: tz, timeZoneName: 'short' }).format(at);
}
