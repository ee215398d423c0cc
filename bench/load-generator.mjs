// The load generator, in a process of its own so the server's figures measure only the server.
// Reads one JSON job on stdin, runs autocannon, prints one JSON line: the rate, latencies, the
// server's own Server-Timing shares, and every status.
import autocannon from 'autocannon';

const job = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
}));

// Each request comes from a client address of its own, as many users behind one proxy would:
// the server trusts this machine as its proxy, so its per-client rate limits stay out of the way.
let sent = 0;
const clientAddress = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

// autocannon's own start and finish are stamped by a one-second ticker, so a run of 300 requests
// that ends at 1.2 s reads as 2 s. The run is timed here instead: from the first request built to
// the last answer read.
let firstSent = null;
let lastAnswered = null;
let answered = 0;
/** Server-Timing metrics (`name;dur=ms`), every value per name. */
const shares = {};

const result = await autocannon({
  url: job.url,
  method: job.method ?? 'GET',
  headers: job.headers ?? {},
  connections: job.connections,
  ...(job.bodies ? { amount: job.bodies.length } : { duration: job.duration }),
  requests: [
    {
      setupRequest(request) {
        firstSent ??= performance.now();
        const n = sent++;
        const headers = { ...request.headers, 'x-forwarded-for': clientAddress(job.addressOffset + n) };
        return job.bodies ? { ...request, headers, body: job.bodies[n] } : { ...request, headers };
      },
      onResponse(_status, _body, _context, headers) {
        lastAnswered = performance.now();
        answered += 1;
        const timing = headers['server-timing'] ?? headers['Server-Timing'];
        if (!timing) return;
        for (const metric of String(timing).split(',')) {
          const match = /^\s*([\w-]+);dur=([\d.]+)/u.exec(metric);
          if (match) (shares[match[1]] ??= []).push(Number(match[2]));
        }
      },
    },
  ],
});
const seconds = (lastAnswered - firstSent) / 1000;
process.stdout.write(
  `${JSON.stringify({
    rate: answered / seconds,
    seconds,
    total: answered,
    latency: { p50: result.latency.p50, p97_5: result.latency.p97_5 },
    shares,
    errors: result.errors,
    statuses: result.statusCodeStats ?? {},
  })}\n`,
);
