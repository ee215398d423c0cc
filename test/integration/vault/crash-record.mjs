// A record whose body is derived from its sequence number, so a torn or mixed write shows.
export function recordFor(seq) {
  return { seq, body: `${String(seq).padStart(10, '0')};`.repeat(2000) };
}
