import { createServer } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A real SMTP server on loopback that keeps what it receives. */
export interface ReceivedMail {
  to: string[]
  raw: string
}

export class SmtpSink {
  readonly received: ReceivedMail[] = []
  /** address → the answer to its RCPT TO */
  #refused = new Map<string, { code: number; text: string }>()
  #server: SMTPServer | null = null

  constructor(
    readonly port: number,
    readonly credentials = { user: 'comune-di-prova', password: 'segreto-smtp' }
  ) {}

  /** Answers RCPT TO for this address with an error (550 5.7.1 unless told). */
  refuse(
    address: string,
    answer = { code: 550, text: '5.7.1 Recipient refuses mail from this sender' }
  ) {
    this.#refused.set(address.toLowerCase(), answer)
  }

  accept(address: string) {
    this.#refused.delete(address.toLowerCase())
  }

  to(address: string) {
    return this.received.filter((mail) => mail.to.includes(address.toLowerCase()))
  }

  get running() {
    return this.#server !== null
  }

  async start() {
    const server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => {
        const valid =
          auth.username === this.credentials.user && auth.password === this.credentials.password
        callback(
          valid ? null : new Error('Invalid username or password'),
          valid ? { user: auth.username } : undefined
        )
      },
      onRcptTo: (address, _session, callback) => {
        const refusal = this.#refused.get(address.address.toLowerCase())
        if (!refusal) return callback()
        callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }))
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          this.received.push({
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          callback()
        })
      },
    })
    await new Promise<void>((resolve, reject) => {
      server.on('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.#server = server
  }

  /** Stops listening: connections are then refused on the port. */
  async stop() {
    const server = this.#server
    this.#server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}
