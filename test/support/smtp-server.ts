import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on a free local port, for the integration tests: it keeps what it receives (headers and the
// text part, decoded), and refuses the recipients `rejectRecipient` names with a 550, as a mail server does for a
// mailbox that does not exist.
export type ReceivedMail = { rcptTo: string[]; to: string; subject: string; text: string; headers: Record<string, string> };

export function startSmtpServer(opts: { rejectRecipient?: (address: string) => boolean } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain local SMTP, like a development mail catcher: no TLS upgrade with a self-signed certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.rejectRecipient?.(address.address)) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), ...parseMail(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  const ready = new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`));
  });
  return {
    received,
    ready,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    to: (recipient: string) => received.filter((m) => m.rcptTo.includes(recipient)),
  };
}

// Enough MIME to read what a person would see: headers, and the text/plain part decoded.
function parseMail(raw: string): Omit<ReceivedMail, 'rcptTo'> {
  const { headers, body } = splitHeaders(raw);
  return { headers, to: headers['to'] ?? '', subject: decodeWords(headers['subject'] ?? ''), text: textPart(headers, body) };
}

function splitHeaders(raw: string) {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: raw.slice(end + 4) };
}

function textPart(headers: Record<string, string>, body: string): string {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.startsWith('multipart/') || !boundary) return decodeBody(body, headers['content-transfer-encoding']);
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const p = splitHeaders(part.replace(/^\r\n/, ''));
    const text = textPart(p.headers, p.body.replace(/\r\n$/, ''));
    if ((p.headers['content-type'] ?? '').startsWith('text/plain') || (p.headers['content-type'] ?? '').startsWith('multipart/')) return text;
  }
  return '';
}

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
  );
}

