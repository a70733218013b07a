// Keyset cursors in URLs: "<epoch ms>.<uuid>". Anything malformed is ignored (first page).
export function encodeCursor(at: Date, id: string): string {
  return `${at.getTime()}.${id}`;
}

export function decodeCursor(raw: string | string[] | undefined): { at: Date; id: string } | undefined {
  const s = Array.isArray(raw) ? raw[0] : raw;
  const m = s ? /^(\d{1,15})\.([0-9a-f-]{36})$/i.exec(s) : null;
  if (!m) return undefined;
  return { at: new Date(Number(m[1])), id: m[2] };
}
