// coop-voting-2 in the browser (docs/VOTING.md §12, ../shared/VOTING-2.md §1–§5): NIST P-256 in
// native BigInt, RFC 9380's hash to a scalar, exponential ElGamal and the disjunctive Chaum–Pedersen
// bit and sum proofs of a secret ballot. The Swift side (Sources/CoopCore/Crypto/P256.swift,
// ExpandMessage.swift, Sources/Voting/Secret/) is the reference: the same inputs hash to the same
// bytes, and each side verifies the other's ballots (Tests/web/test_secret_booth.py).
//
// Pure functions, no DOM and no words: the booth (booth.js) calls encryptAnswers() before it signs,
// and anyone may call verifyAnswers() on a ballot of the board. Randomness comes from
// crypto.getRandomValues, SHA-256 from crypto.subtle.digest. No dependencies.
//
// Arithmetic: field elements are BigInts, reduced by `% P` after every product (a sum or a
// difference is left unreduced until the next product, and may be negative: `%` keeps the sign, which
// is still the right class mod p; only what leaves a point operation's caller is brought into 0…p−1).
// Points are Jacobian (X, Y, Z) with x = X/Z², y = Y/Z³, Z = 0 the identity; tables hold affine points.
// k·G and k·Y use a fixed table per base (signed 8-bit digits, 32 mixed additions, no doubling): G's is
// built on first use and Y's once per election key. A variable point (only when verifying) is multiplied
// by a width-5 NAF.

export const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
export const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;
/** (p + 1) / 4: p ≡ 3 mod 4, so a square root of t is t^((p+1)/4). */
const SQRT_EXPONENT = (P + 1n) / 4n;
const utf8 = new TextEncoder();

// MARK: Field and scalars

/** x mod m in 0…m−1, for any sign of x. */
function reduce(x, m = P) {
  const r = x % m;
  return r < 0n ? r + m : r;
}

/** base^exponent mod p, square and multiply. */
function power(base, exponent) {
  let result = 1n;
  base = reduce(base);
  for (let bit = BigInt(exponent.toString(2).length - 1); bit >= 0n; bit--) {
    result = (result * result) % P;
    if ((exponent >> bit) & 1n) result = (result * base) % P;
  }
  return result;
}

/** a⁻¹ mod m (a ≢ 0), by the extended Euclidean algorithm. */
function invert(a, m = P) {
  let r0 = m, r1 = reduce(a, m), t0 = 0n, t1 = 1n;
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (r0 !== 1n) throw new RangeError("not invertible");
  return reduce(t0, m);
}

/** A uniformly random scalar 1 ≤ k < n: 32 bytes from crypto.getRandomValues, redrawn until in range. */
export function randomScalar() {
  const bytes = new Uint8Array(32);
  for (;;) {
    crypto.getRandomValues(bytes);
    const k = bytesToBigInt(bytes);
    if (k > 0n && k < N) return k;
  }
}

/** A scalar's JSON form: 64 lower-case hex digits. */
export function scalarHex(k) {
  return k.toString(16).padStart(64, "0");
}

/** 64 lower-case hex digits whose value is below n, as a BigInt; null otherwise (a scalar ≥ n is
 *  refused, never reduced). */
export function decodeScalar(hex) {
  if (typeof hex !== "string" || !/^[0-9a-f]{64}$/.test(hex)) return null;
  const k = BigInt("0x" + hex);
  return k < N ? k : null;
}

// MARK: Points

/** The identity, in Jacobian coordinates. */
const IDENTITY = Object.freeze({ X: 1n, Y: 1n, Z: 0n });

function isIdentity(p) {
  return p.Z % P === 0n;
}

/** An affine point (x, y) as Jacobian; null (the identity) as IDENTITY. */
function jacobian(a) {
  return a === null ? IDENTITY : { X: a.x, Y: a.y, Z: 1n };
}

/** 2·p (dbl-2001-b, a = −3). */
function double(p) {
  if (isIdentity(p) || p.Y % P === 0n) return IDENTITY;
  const delta = (p.Z * p.Z) % P;
  const gamma = (p.Y * p.Y) % P;
  const beta = (p.X * gamma) % P;
  const alpha = (3n * (((p.X - delta) * (p.X + delta)) % P)) % P;
  const X = (alpha * alpha - 8n * beta) % P;
  const Z = ((p.Y + p.Z) * (p.Y + p.Z) - gamma - delta) % P;
  const Y = (alpha * (4n * beta - X) - 8n * ((gamma * gamma) % P)) % P;
  return { X, Y, Z };
}

/** p + (x, y) for an affine (x, y) (madd-2007-bl), including the cases the formula leaves out. */
function addAffine(p, x, y) {
  if (isIdentity(p)) return { X: x, Y: y, Z: 1n };
  const zz = (p.Z * p.Z) % P;
  const h = (x * zz - p.X) % P;
  const r = (2n * ((((y * p.Z) % P) * zz - p.Y) % P)) % P;
  if (h === 0n) return r === 0n ? double(p) : IDENTITY;
  const hh = (h * h) % P;
  const i = 4n * hh;
  const j = (h * i) % P;
  const v = (p.X * i) % P;
  const X = (r * r - j - 2n * v) % P;
  const Y = (r * (v - X) - 2n * ((p.Y * j) % P)) % P;
  const Z = ((p.Z + h) * (p.Z + h) - zz - hh) % P;
  return { X, Y, Z };
}

/** p + q, both Jacobian (add-2007-bl), including the cases the formula leaves out. */
function add(p, q) {
  if (isIdentity(p)) return q;
  if (isIdentity(q)) return p;
  const z1z1 = (p.Z * p.Z) % P, z2z2 = (q.Z * q.Z) % P;
  const u1 = (p.X * z2z2) % P, u2 = (q.X * z1z1) % P;
  const s1 = (((p.Y * q.Z) % P) * z2z2) % P, s2 = (((q.Y * p.Z) % P) * z1z1) % P;
  const h = (u2 - u1) % P;
  const r = (2n * (s2 - s1)) % P;
  if (h === 0n) return r === 0n ? double(p) : IDENTITY;
  const i = (4n * h * h) % P;
  const j = (h * i) % P;
  const v = (u1 * i) % P;
  const X = (r * r - j - 2n * v) % P;
  const Y = (r * (v - X) - 2n * ((s1 * j) % P)) % P;
  const Z = ((((p.Z + q.Z) * (p.Z + q.Z) - z1z1 - z2z2) % P) * h) % P;
  return { X, Y, Z };
}

function negate(p) {
  return { X: p.X, Y: -p.Y, Z: p.Z };
}

/** Jacobian points as affine {x, y} (null for the identity), with one inversion for all of them
 *  (Montgomery's trick). */
function toAffine(points) {
  const prefix = new Array(points.length);
  let product = 1n;
  for (let i = 0; i < points.length; i++) {
    prefix[i] = product;
    if (!isIdentity(points[i])) product = (product * points[i].Z) % P;
  }
  let inverse = invert(product);
  const out = new Array(points.length);
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (isIdentity(p)) {
      out[i] = null;
      continue;
    }
    const zInverse = (inverse * prefix[i]) % P;
    inverse = (inverse * p.Z) % P;
    const zz = (zInverse * zInverse) % P;
    out[i] = { x: reduce(p.X * zz), y: reduce(((p.Y * zz) % P) * zInverse) };
  }
  return out;
}

/** pt(P) inside hashes: the 33 compressed bytes, 33 zeros for the identity. */
function compressed(a) {
  const out = new Uint8Array(33);
  if (a === null) return out;
  out[0] = a.y & 1n ? 3 : 2;
  out.set(bigIntToBytes(a.x, 32), 1);
  return out;
}

/** An affine point's JSON form: 66 lower-case hex digits, SEC1 compressed. The identity has none
 *  (`00` is only for a tally's fields, which the booth never writes). */
export function encodePoint(a) {
  if (a === null) throw new RangeError("the identity has no compressed form");
  return toHex(compressed(a));
}

/** Why a point's text was refused, as ECPoint.DecodingError names it. */
export class PointError extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason; // "malformed", "outOfField", "notOnCurve" or "identity"
  }
}

/** The JSON form: `02`/`03` ‖ x in 66 lower-case hex digits, x < p, on the curve; y taken by the
 *  prefix's parity. Returns the affine point {x, y}; `00` is the identity (null) only when
 *  `allowIdentity`. Throws a PointError for any other text. */
export function decodePoint(hex, { allowIdentity = false } = {}) {
  if (hex === "00") {
    if (allowIdentity) return null;
    throw new PointError("identity");
  }
  if (typeof hex !== "string" || !/^0[23][0-9a-f]{64}$/.test(hex)) throw new PointError("malformed");
  const x = BigInt("0x" + hex.slice(2));
  if (x >= P) throw new PointError("outOfField");
  const t = reduce(x * x * x - 3n * x + B);
  let y = power(t, SQRT_EXPONENT);
  if ((y * y) % P !== t) throw new PointError("notOnCurve");
  if ((y & 1n) !== BigInt(hex[1] === "3" ? 1 : 0)) y = P - y;
  return { x, y };
}

/** Whether an affine point satisfies y² = x³ − 3x + b (for tests of what decodePoint returns). */
export function isOnCurve(a) {
  return a !== null && reduce(a.y * a.y) === reduce(a.x * a.x * a.x - 3n * a.x + B);
}

// MARK: Multiplication

/** The width of a fixed table's digits: 8 bits, signed (−128…127), 33 positions of 128 points. */
const TABLE_BITS = 8;

/** A fixed base's table: `rows[i][d − 1]` = d·2^(8i)·base (affine) for d = 1…128, so that k·base is
 *  one mixed addition per digit of k and no doubling. 4,224 points, built in about 50 ms. */
class FixedBase {
  constructor(base) {
    const half = 1 << (TABLE_BITS - 1);
    const positions = Math.ceil(256 / TABLE_BITS) + 1;
    const jacobians = [];
    let start = jacobian(base);
    for (let i = 0; i < positions; i++) {
      let multiple = start;
      const affine = toAffine([start])[0];
      jacobians.push(multiple);
      for (let d = 2; d <= half; d++) {
        multiple = addAffine(multiple, affine.x, affine.y);
        jacobians.push(multiple);
      }
      start = double(multiple); // 2·half·2^(8i)·base = 2^(8(i+1))·base
    }
    const affine = toAffine(jacobians);
    this.rows = [];
    for (let i = 0; i < positions; i++) this.rows.push(affine.slice(i * half, (i + 1) * half));
  }

  /** Adds k·base into `sum` (Jacobian), k any integer 0 ≤ k < 2^256. */
  addMultiple(sum, k) {
    const mask = BigInt((1 << TABLE_BITS) - 1), full = 1 << TABLE_BITS, half = full >> 1, width = BigInt(TABLE_BITS);
    for (let i = 0; k > 0n; i++, k >>= width) {
      let digit = Number(k & mask);
      if (digit >= half) {
        digit -= full;
        k += BigInt(full); // carry: the digit taken is digit − 256
      }
      if (digit === 0) continue;
      const point = this.rows[i][Math.abs(digit) - 1];
      sum = addAffine(sum, point.x, digit > 0 ? point.y : -point.y);
    }
    return sum;
  }
}

let generatorTable = null;
const keyTables = new Map();

function tableOfG() {
  generatorTable ??= new FixedBase({ x: GX, y: GY });
  return generatorTable;
}

/** The table of an election key, kept for the page's life (one election a page). */
function tableOf(key) {
  const hex = encodePoint(key);
  let table = keyTables.get(hex);
  if (!table) {
    table = new FixedBase(key);
    keyTables.set(hex, table);
  }
  return table;
}

/** Builds G's table and the election key's ahead of time (the booth calls it while the voter reads),
 *  so that casting pays only for the multiplications. */
export function prepare(publicKey) {
  tableOfG();
  tableOf(decodePoint(publicKey));
}

/** k·a for a variable affine point a, by a width-5 NAF (only a verifier needs it). */
function multiply(a, k) {
  k = reduce(k, N);
  if (a === null || k === 0n) return IDENTITY;
  const twice = double(jacobian(a));
  const odd = [jacobian(a)]; // a, 3a, 5a, …, 15a
  for (let i = 1; i < 8; i++) odd.push(add(odd[i - 1], twice));
  const table = toAffine(odd);
  const digits = [];
  while (k > 0n) {
    let digit = 0;
    if (k & 1n) {
      digit = Number(k & 31n);
      if (digit >= 16) digit -= 32;
      k -= BigInt(digit);
    }
    digits.push(digit);
    k >>= 1n;
  }
  let sum = IDENTITY;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum = double(sum);
    const digit = digits[i];
    if (digit === 0) continue;
    const point = table[(Math.abs(digit) - 1) >> 1];
    sum = addAffine(sum, point.x, digit > 0 ? point.y : -point.y);
  }
  return sum;
}

/** k·G as its JSON form, for tests (k a BigInt or 64 hex digits). */
export function multiplyGenerator(k) {
  const value = typeof k === "bigint" ? k : BigInt("0x" + k);
  return toAffine([tableOfG().addMultiple(IDENTITY, reduce(value, N))])[0];
}

/** k·A for a point's JSON form, for tests. */
export function multiplyPoint(hex, k) {
  return toAffine([multiply(decodePoint(hex), typeof k === "bigint" ? k : BigInt("0x" + k))])[0];
}

// MARK: Hash to scalar (RFC 9380)

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/** RFC 9380 §5.3.1 expand_message_xmd with SHA-256: `length` uniform bytes from `message` under the
 *  domain separation tag `dst` (at most 255 bytes), as ExpandMessage.xmd does. */
export async function expandMessageXMD(message, dst, length) {
  if (dst.length > 255 || length < 1 || length > 255 * 32) throw new RangeError("expand_message_xmd: bad lengths");
  const dstPrime = concat(dst, [dst.length]);
  const b0 = await sha256(concat(new Uint8Array(64), message, [length >> 8, length & 0xff, 0], dstPrime));
  let previous = await sha256(concat(b0, [1], dstPrime));
  const out = [previous];
  for (let i = 2; i <= Math.ceil(length / 32); i++) {
    previous = await sha256(concat(b0.map((byte, k) => byte ^ previous[k]), [i], dstPrime));
    out.push(previous);
  }
  return concat(...out).slice(0, length);
}

/** `H(tag, msg) = OS2IP(expand_message_xmd(msg, "coop-voting-2/" ‖ tag, 48)) mod n`. */
export async function hashToScalar(tag, message) {
  return reduce(bytesToBigInt(await expandMessageXMD(message, utf8.encode("coop-voting-2/" + tag), 48)), N);
}

// MARK: Questions as slots

/** The most choices a ranked question may have in a secret election (QuestionSlots.maxRankedChoices). */
export const MAX_RANKED_CHOICES = 4;

/** Every ranking of c choices, numbered by length, then in lexicographic order of choice indexes. */
export function rankings(c) {
  const all = [];
  const extend = (prefix, length) => {
    if (prefix.length === length) {
      all.push(prefix);
      return;
    }
    for (let choice = 0; choice < c; choice++) if (!prefix.includes(choice)) extend([...prefix, choice], length);
  };
  for (let length = 1; length <= Math.max(c, 1); length++) extend([], length);
  return all;
}

/** A question's slots: `{ count, lo, hi }`. `question` is `{ kind, choices, min, max }`, choices
 *  being how many there are; an approval's min and max default to 0 and every choice. */
export function questionSlots({ kind, choices, min, max }) {
  switch (kind) {
    case "single":
      return { count: choices, lo: 1, hi: 1 };
    case "approval":
      return { count: choices, lo: min ?? 0, hi: max ?? choices };
    case "ranked":
      if (choices > MAX_RANKED_CHOICES) throw new RangeError(`an encrypted ranking has at most ${MAX_RANKED_CHOICES} choices`);
      return { count: rankings(choices).length, lo: 1, hi: 1 };
  }
  throw new RangeError("unknown kind of question: " + kind);
}

/** The 0/1 value of each slot for an answer in coop-voting-1's form (chosen indexes, or the ranking
 *  in order), as QuestionSlots.values. Throws when the answer does not fit the question. */
export function slotValues(question, answer) {
  const { count, lo, hi } = questionSlots(question);
  const values = new Array(count).fill(0);
  if (question.kind === "ranked") {
    const slot = rankings(question.choices).findIndex((r) => r.length === answer.length && r.every((c, i) => c === answer[i]));
    if (slot < 0) throw new RangeError("not a ranking of this question's choices");
    values[slot] = 1;
    return values;
  }
  for (const index of answer) {
    if (!Number.isInteger(index) || index < 0 || index >= count || values[index]) throw new RangeError("not a choice of this question");
    values[index] = 1;
  }
  if (answer.length < lo || answer.length > hi) throw new RangeError("too few or too many choices");
  return values;
}

// MARK: Encryption and proofs

/** ctx_q = electionHash (32 bytes) ‖ pt(Y) ‖ credential (32 bytes) ‖ u16(q). */
function context(electionHash, key, credential, q) {
  return concat(fromHex(electionHash), compressed(key), fromHex(credential), u16(q));
}

/**
 * A prover's disjunction over v = lo…hi for a ciphertext (α, β) = (R·G, M·G + R·Y), real branch v = M.
 * The simulated branches' commitments are computed from R, which the prover knows:
 * s_v·G + c_v·α = (s_v + c_v·R)·G and s_v·Y + c_v·(β − v·G) = (s_v + c_v·R)·Y + c_v·(M − v)·G, so every
 * multiplication is by G or Y (a fixed table) and gives the very points a verifier recomputes.
 * Returns the commitments (Jacobian, A_lo, B_lo, …) and `finish(c)`, which gives the branches for the
 * challenge c.
 */
function commit(m, r, lo, hi, gTable, yTable) {
  const w = randomScalar();
  const c = [], s = [], points = [];
  for (let v = lo; v <= hi; v++) {
    if (v === m) {
      c.push(0n);
      s.push(0n);
      points.push(gTable.addMultiple(IDENTITY, w), yTable.addMultiple(IDENTITY, w));
      continue;
    }
    const cv = randomScalar(), sv = randomScalar();
    c.push(cv);
    s.push(sv);
    const t = reduce(sv + cv * r, N);
    points.push(gTable.addMultiple(IDENTITY, t), gTable.addMultiple(yTable.addMultiple(IDENTITY, t), reduce(cv * BigInt(m - v), N)));
  }
  return {
    points,
    finish(challenge) {
      const real = m - lo;
      let cm = challenge;
      for (let i = 0; i < c.length; i++) if (i !== real) cm -= c[i];
      c[real] = reduce(cm, N);
      s[real] = reduce(w - c[real] * r, N);
      return c.map((cv, i) => ({ c: scalarHex(cv), s: scalarHex(s[i]) }));
    },
  };
}

/**
 * Encrypts and proves a voter's answers, as SecretBallot.cast does before signing: per question, a
 * ciphertext per slot (α = r·G, β = m·G + r·Y) with its bit proof, and the sum proof of the range.
 * - `questions`: `[{ kind, choices, min, max }]` (choices: how many);
 * - `answers`: coop-voting-1's form, one array of 0-based choice indexes (or the ranking) per question;
 * - `publicKey`: the election key Y (66 hex digits); `electionHash`, `credential`: 64 hex digits each.
 * Returns the `answers` field of the ballot: `[{ choices: [{alpha, beta}], proofs: [[{c, s}, {c, s}]],
 * sum: [{c, s}] }]`, the scalars and points in their JSON form.
 */
export async function encryptAnswers({ questions, answers, publicKey, electionHash, credential }) {
  if (answers.length !== questions.length) throw new RangeError("one answer per question");
  const key = decodePoint(publicKey);
  const gTable = tableOfG(), yTable = tableOf(key);
  // First every point of the ballot, in Jacobian coordinates; then one inversion for all of them;
  // then every challenge, the hashes in parallel; then the responses.
  const plans = questions.map((question, q) => {
    const values = slotValues(question, answers[q]);
    const { lo, hi } = questionSlots(question);
    let total = 0n;
    const slots = values.map((m) => {
      const r = randomScalar();
      total += r;
      const alpha = gTable.addMultiple(IDENTITY, r);
      const beta = gTable.addMultiple(yTable.addMultiple(IDENTITY, r), BigInt(m));
      return { m, alpha, beta, proof: commit(m, r, 0, 1, gTable, yTable) };
    });
    const M = values.reduce((a, b) => a + b, 0), R = reduce(total, N);
    const sumAlpha = gTable.addMultiple(IDENTITY, R);
    const sumBeta = gTable.addMultiple(yTable.addMultiple(IDENTITY, R), BigInt(M));
    return { q, lo, hi, slots, sumAlpha, sumBeta, sum: commit(M, R, lo, hi, gTable, yTable) };
  });
  const jacobians = [];
  for (const plan of plans) {
    for (const slot of plan.slots) slot.points = push(jacobians, slot.alpha, slot.beta, ...slot.proof.points);
    plan.points = push(jacobians, plan.sumAlpha, plan.sumBeta, ...plan.sum.points);
  }
  const affine = toAffine(jacobians);
  const encrypted = plans.map(async (plan) => {
    const ctx = context(electionHash, key, credential, plan.q);
    const slots = plan.slots.map(async (slot, j) => {
      const [alpha, beta, ...commitments] = affine.slice(slot.points.start, slot.points.end);
      const challenge = await hashToScalar("bit", concat(ctx, u16(j), compressed(alpha), compressed(beta), ...commitments.map(compressed)));
      return { choice: { alpha: encodePoint(alpha), beta: encodePoint(beta) }, proof: slot.proof.finish(challenge) };
    });
    const [sumAlpha, sumBeta, ...commitments] = affine.slice(plan.points.start, plan.points.end);
    const sumChallenge = hashToScalar("sum", concat(ctx, u16(plan.lo), u16(plan.hi), compressed(sumAlpha), compressed(sumBeta),
      ...commitments.map(compressed)));
    const done = await Promise.all(slots);
    return { choices: done.map((d) => d.choice), proofs: done.map((d) => d.proof), sum: plan.sum.finish(await sumChallenge) };
  });
  return Promise.all(encrypted);
}

// MARK: Verification

/** What is wrong with an encrypted answer: `{ question, flaw, slot?, path?, reason? }` with question
 *  0-based and flaw one of "shape" (the field at `path`), "point" (`path`, with the PointError's
 *  `reason`), "scalar" (`path`), "slotCount", "bitProof" (`slot`, 0-based) or "sumProof", as
 *  EncryptedAnswer's FormatError and Flaw name them. */
function flaw(question, kind, details = {}) {
  return { question, flaw: kind, ...details };
}

/** One encrypted answer's JSON read strictly, as EncryptedAnswer.init(json:): exactly the fields
 *  named, points in the compressed form only, scalars below n. Returns `{ answer }` or `{ error }`. */
function readAnswer(value, q) {
  const exactly = (object, keys) => object !== null && typeof object === "object" && !Array.isArray(object)
    && Object.keys(object).sort().join() === keys.join();
  if (!exactly(value, ["choices", "proofs", "sum"]) || ![value.choices, value.proofs, value.sum].every(Array.isArray)) {
    return { error: flaw(q, "shape", { path: "" }) };
  }
  const choices = [];
  for (const [j, pair] of value.choices.entries()) {
    if (!exactly(pair, ["alpha", "beta"])) return { error: flaw(q, "shape", { path: `choices[${j}]` }) };
    const point = {};
    for (const name of ["alpha", "beta"]) {
      const path = `choices[${j}].${name}`;
      if (typeof pair[name] !== "string") return { error: flaw(q, "shape", { path }) };
      try {
        point[name] = decodePoint(pair[name]);
      } catch (error) {
        return { error: flaw(q, "point", { path, reason: error.reason }) };
      }
    }
    choices.push(point);
  }
  const branch = (b, path) => {
    if (!exactly(b, ["c", "s"])) return { error: flaw(q, "shape", { path }) };
    const c = decodeScalar(b.c);
    if (c === null) return { error: flaw(q, "scalar", { path: path + ".c" }) };
    const s = decodeScalar(b.s);
    if (s === null) return { error: flaw(q, "scalar", { path: path + ".s" }) };
    return { branch: { c, s } };
  };
  const proofs = [];
  for (const [j, proof] of value.proofs.entries()) {
    if (!Array.isArray(proof)) return { error: flaw(q, "shape", { path: `proofs[${j}]` }) };
    const branches = [];
    for (const [b, item] of proof.entries()) {
      const read = branch(item, `proofs[${j}][${b}]`);
      if (read.error) return read;
      branches.push(read.branch);
    }
    proofs.push(branches);
  }
  const sum = [];
  for (const [b, item] of value.sum.entries()) {
    const read = branch(item, `sum[${b}]`);
    if (read.error) return read;
    sum.push(read.branch);
  }
  return { answer: { choices, proofs, sum } };
}

/** The commitments a verifier recomputes for branches over v = lo…hi of (α, β): A_v = s_v·G + c_v·α,
 *  B_v = s_v·Y + c_v·(β − v·G), Jacobian. `shifted[v − lo]` is β − v·G, affine. */
function recompute(branches, alpha, shifted, gTable, yTable) {
  const points = [];
  branches.forEach(({ c, s }, i) => {
    points.push(add(gTable.addMultiple(IDENTITY, s), multiply(alpha, c)));
    points.push(add(yTable.addMultiple(IDENTITY, s), multiply(shifted[i], c)));
  });
  return points;
}

/**
 * Checks a secret ballot's encrypted answers as the server does (SecretBallot.init(json:), then
 * SecretBallot.flaw): every field read strictly, each question with exactly its slots, two-branch bit
 * proofs and hi − lo + 1 sum branches, and every proof. `answers` is the ballot's `answers` field
 * (parsed JSON); the other arguments as for encryptAnswers. Returns null when every answer is sound,
 * otherwise the first flaw (see `flaw` above). The signature is checked apart.
 */
export async function verifyAnswers({ questions, answers, publicKey, electionHash, credential }) {
  if (!Array.isArray(answers)) return flaw(0, "shape", { path: "" });
  const read = [];
  for (const [q, value] of answers.entries()) {
    const result = readAnswer(value, q);
    if (result.error) return result.error;
    read.push(result.answer);
  }
  if (read.length !== questions.length) return flaw(read.length, "slotCount", { expected: questions.length, got: read.length });
  const key = decodePoint(publicKey);
  const gTable = tableOfG(), yTable = tableOf(key);
  for (const [q, question] of questions.entries()) {
    const answer = read[q];
    const { count, lo, hi } = questionSlots(question);
    if (answer.choices.length !== count || answer.proofs.length !== count) {
      return flaw(q, "slotCount", { expected: count, got: answer.choices.length });
    }
    const badBit = answer.proofs.findIndex((proof) => proof.length !== 2);
    // The sums of the slots, then every β − v·G, in affine coordinates with one inversion.
    let sumAlpha = IDENTITY, sumBeta = IDENTITY;
    for (const { alpha, beta } of answer.choices) {
      sumAlpha = addAffine(sumAlpha, alpha.x, alpha.y);
      sumBeta = addAffine(sumBeta, beta.x, beta.y);
    }
    const shiftedSums = [];
    for (let v = lo; v <= hi; v++) shiftedSums.push(v === 0 ? sumBeta : add(sumBeta, negate(tableOfG().addMultiple(IDENTITY, BigInt(v)))));
    const [alphaTotal, betaTotal, ...shiftedTotals] = toAffine([sumAlpha, sumBeta, ...shiftedSums]);
    const minusG = { x: GX, y: P - GY };
    const betaMinusG = toAffine(answer.choices.map(({ beta }) => addAffine(jacobian(beta), minusG.x, minusG.y)));
    const jacobians = [];
    const limit = badBit < 0 ? count : badBit;
    for (let j = 0; j < limit; j++) {
      const { alpha, beta } = answer.choices[j];
      jacobians.push(...recompute(answer.proofs[j], alpha, [beta, betaMinusG[j]], gTable, yTable));
    }
    const sumShaped = answer.sum.length === hi - lo + 1;
    if (sumShaped) jacobians.push(...recompute(answer.sum, alphaTotal, shiftedTotals, gTable, yTable));
    const commitments = toAffine(jacobians).map(compressed);
    const ctx = context(electionHash, key, credential, q);
    const bits = [];
    for (let j = 0; j < limit; j++) {
      const { alpha, beta } = answer.choices[j];
      bits.push(hashToScalar("bit", concat(ctx, u16(j), compressed(alpha), compressed(beta), ...commitments.slice(4 * j, 4 * j + 4))));
    }
    const sumHash = sumShaped
      ? hashToScalar("sum", concat(ctx, u16(lo), u16(hi), compressed(alphaTotal), compressed(betaTotal), ...commitments.slice(4 * limit)))
      : null;
    const challenges = await Promise.all(bits);
    for (let j = 0; j < limit; j++) {
      if (challenges[j] !== reduce(answer.proofs[j][0].c + answer.proofs[j][1].c, N)) return flaw(q, "bitProof", { slot: j });
    }
    if (badBit >= 0) return flaw(q, "bitProof", { slot: badBit });
    if (!sumShaped || (await sumHash) !== reduce(answer.sum.reduce((total, b) => total + b.c, 0n), N)) return flaw(q, "sumProof");
  }
  return null;
}

/** A whole ballot's encrypted answers (its own credential and election hash), for a verifier that
 *  holds the board's definition: `{ questions, publicKey }`. */
export function verifyBallot(ballot, { questions, publicKey }) {
  return verifyAnswers({ questions, answers: ballot.answers, publicKey, electionHash: ballot.electionHash, credential: ballot.credential });
}

// MARK: Bytes

/** Appends `items` to `list`; returns where they are: `{ start, end }`. */
function push(list, ...items) {
  const start = list.length;
  list.push(...items);
  return { start, end: list.length };
}

function u16(value) {
  return [(value >> 8) & 0xff, value & 0xff];
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function bytesToBigInt(bytes) {
  return bytes.length === 0 ? 0n : BigInt("0x" + toHex(bytes));
}

function bigIntToBytes(value, length) {
  return fromHex(value.toString(16).padStart(length * 2, "0"));
}

function fromHex(hex) {
  if (!/^([0-9a-f]{2})*$/.test(hex)) throw new RangeError("not lower-case hex");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

function toHex(bytes) {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
