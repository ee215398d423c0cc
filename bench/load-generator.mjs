// The load generator, in a process of its own so the server's figures measure only the server.
// Reads one JSON job on stdin, runs autocannon, prints one JSON line: the rate and every status.
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

const result = await autocannon({
  url: job.url,
  method: job.method ?? 'GET',
  headers: job.headers ?? {},
  connections: job.connections,
  ...(job.bodies ? { amount: job.bodies.length } : { duration: job.duration }),
  requests: [
    {
      setupRequest(request) {
        const n = sent++;
        const headers = { ...request.headers, 'x-forwarded-for': clientAddress(job.addressOffset + n) };
        return job.bodies ? { ...request, headers, body: job.bodies[n] } : { ...request, headers };
      },
    },
  ],
});
const seconds = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
process.stdout.write(`${JSON.stringify({ rate: result.requests.total / seconds, total: result.requests.total, errors: result.errors, statuses: result.statusCodeStats ?? {} })}\n`);
