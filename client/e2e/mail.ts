import { createServer, type Server, type Socket } from 'node:net';

/** The API settings (environment) that send its messages to `sink`, with the sender polling often. */
export function sendingTo(sink: MailSink): Record<string, string> {
  return {
    Messaging__SenderEnabled: 'true',
    Messaging__PollSeconds: '0.2',
    Messaging__Smtp__Host: '127.0.0.1',
    Messaging__Smtp__Port: String(sink.port),
    Messaging__Smtp__Security: 'None',
  };
}

/** A message as the sink received it: envelope recipients, the subject and the decoded plain-text part. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/**
 * A real SMTP server on loopback (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that keeps what it receives,
 * for the browser stories that follow a link from an email. It decodes the plain-text part of a multipart message
 * (quoted-printable or base64), which is all the stories read.
 */
export class MailSink {
  readonly received: ReceivedMail[] = [];
  private readonly server: Server;

  private constructor(server: Server) {
    this.server = server;
  }

  static async start(): Promise<MailSink> {
    const sink = new MailSink(createServer());
    sink.server.on('connection', (socket) => sink.serve(socket));
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Waits for a message to `address` beyond the first `after` received (and whose subject matches, if given), and returns it. */
  async waitFor(address: string, after = 0, timeoutMs = 20_000, subject?: RegExp): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(after).find((m) => m.to.includes(address.toLowerCase()) && (!subject || subject.test(m.subject)));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No email to ${address} within ${timeoutMs / 1000}s (got ${this.received.length}).`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: Socket) {
    socket.setEncoding('latin1');
    const reply = (line: string) => socket.write(`${line}\r\n`);
    let buffer = '';
    let inData = false;
    let data: string[] = [];
    let recipients: string[] = [];
    reply('220 localhost LaunchPath e2e SMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            this.received.push(parse(data.join('\r\n'), recipients));
            reply('250 2.0.0 Queued');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          socket.write('250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
        } else if (verb === 'HELO' || verb === 'RSET' || verb === 'NOOP') {
          if (verb === 'RSET') recipients = [];
          reply('250 OK');
        } else if (verb === 'MAIL') {
          recipients = [];
          reply('250 2.1.0 OK');
        } else if (verb === 'RCPT') {
          recipients.push(line.slice(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase());
          reply('250 2.1.5 OK');
        } else if (verb === 'DATA') {
          inData = true;
          data = [];
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else {
          reply('502 5.5.2 Command not recognized');
        }
      }
    });
    socket.on('error', () => undefined);
  }
}

function header(block: string, name: string): string {
  const unfolded = block.replace(/\r\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1].trim() : '';
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return Buffer.from(body, 'latin1').toString('utf8');
  }
}

/** The plain-text part of a message (the first text/plain in a multipart, or the body itself). */
function plainText(headers: string, body: string): string {
  const type = header(headers, 'Content-Type');
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return decodeBody(body, header(headers, 'Content-Transfer-Encoding'));
  for (const part of body.split(`--${boundary}`).slice(1)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const partHeaders = part.slice(0, split);
    const text = plainText(partHeaders, part.slice(split + 4).replace(/\r\n$/, ''));
    if (text && (header(partHeaders, 'Content-Type').toLowerCase().startsWith('text/plain') || header(partHeaders, 'Content-Type').toLowerCase().startsWith('multipart/'))) {
      return text;
    }
  }
  return '';
}

function parse(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  return { to: [...to], subject: decodeWords(header(headers, 'Subject')), messageId: header(headers, 'Message-Id'), text: plainText(headers, raw.slice(split + 4)) };
}
