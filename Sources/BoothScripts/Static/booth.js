// Coop's voting booth (GET /vote/{election}): the voter's side of docs/VOTING.md, in the browser.
//
// The code typed here never leaves the page: it is normalized and checked as CredentialCode does,
// the credential key is derived from it (HMAC-SHA-256, then Ed25519 from that seed, with WebCrypto),
// the ballot is signed as BallotSigner.sign does, and only the signed ballot is posted to
// POST /api/v1/elections/{id}/ballots. The same code and answers give the same bytes as
// `coopctl vote cast` (Ed25519 is deterministic), which Tests/web/test_booth.py checks.
//
// In a secret election (coop-voting-2: the form has data-secret and the election key in
// data-public-key), every answer is encrypted and proved by p256.js under the election key before
// the ballot is signed, as SecretBallot.cast does; the answers in the clear never leave the page
// either (Tests/web/test_secret_booth.py).
//
// The page holds every word this script shows, in its language, in data- attributes: the script
// has no words of its own. Plain modern JavaScript, two modules (this one and p256.js), no
// dependencies. The page shows the SHA-256 of p256.js followed by this file.

import { encryptAnswers, prepare } from "./p256.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 16;
// PKCS#8 wrapping of a raw Ed25519 private key (RFC 8410): this prefix, then the 32-byte seed.
const PKCS8_PREFIX = fromHex("302e020100300506032b657004220420");
const utf8 = new TextEncoder();

// MARK: The protocol, as exported functions (the tests call them)

/** A typed code as CredentialCode reads it: case, dashes and spaces forgiven, O read as 0 and I, L
 *  as 1, 16 characters whose Damm check over GF(32) folds to 0. Returns `{ code }` (16 characters,
 *  upper case: what the derivation hashes) or `{ error, count, char }` with error one of
 *  "missing", "character", "length", "check". */
export function normalizeCode(typed) {
  const values = [];
  for (const c of typed.toUpperCase()) {
    if (c === "-" || c === " ") continue;
    if (c === "O") values.push(0);
    else if (c === "I" || c === "L") values.push(1);
    else {
      const value = ALPHABET.indexOf(c);
      if (value < 0) return { error: "character", char: c };
      values.push(value);
    }
  }
  if (values.length === 0) return { error: "missing" };
  if (values.length !== CODE_LENGTH) return { error: "length", count: values.length };
  if (values.reduce((interim, v) => timesTwo(interim) ^ v, 0) !== 0) return { error: "check" };
  return { code: values.map((v) => ALPHABET[v]).join("") };
}

/** 2·x in GF(2⁵) modulo x⁵ + x² + 1. */
function timesTwo(x) {
  const shifted = x << 1;
  return shifted & 0x20 ? (shifted ^ 0x25) & 0x1f : shifted;
}

/** Canonical JSON (docs/VOTING.md §3): no whitespace, object keys sorted by their UTF-8 bytes,
 *  integers only, strings escaped as RFC 8785 — which is exactly how JSON.stringify escapes a
 *  string (RFC 8785 takes its rules from ECMAScript). */
export function canonicalJSON(value) {
  if (value === null || value === true || value === false) return String(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError("canonical JSON has integers only");
    return String(value); // String(-0) is "0"
  }
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(canonicalJSON).join(",") + "]";
  if (typeof value === "object") {
    const keys = Object.keys(value).sort((a, b) => compareBytes(utf8.encode(a), utf8.encode(b)));
    return "{" + keys.map((key) => JSON.stringify(key) + ":" + canonicalJSON(value[key])).join(",") + "}";
  }
  throw new TypeError("no canonical JSON for " + typeof value);
}

function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Signs `answers` (one array of 0-based choice indexes per question) with the credential of `code`
 *  (normalized) in election `election`, as BallotSigner.sign does:
 *  seed = HMAC-SHA-256(key: "coop-voting-1/credential/" + election + "/" + salt, message: code),
 *  credential = the Ed25519 public key of that seed, signature over the canonical JSON of
 *  {answers, credential, election, electionHash}. In a secret election, `secret` is
 *  `{ publicKey, questions }` (questions as p256.js's questionSlots takes them) and the answers are
 *  first encrypted and proved under the election key, bound to the credential (SecretBallot.cast).
 *  Returns the canonical signed ballot (the text to post), its tracker (hex SHA-256 of that text)
 *  and the credential. */
export async function signBallot({ code, answers, election, electionHash, salt, secret = null }) {
  const subtle = crypto.subtle;
  const hmacKey = await subtle.importKey("raw", utf8.encode(`coop-voting-1/credential/${election}/${salt}`),
    { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const seed = new Uint8Array(await subtle.sign("HMAC", hmacKey, utf8.encode(code)));
  const pkcs8 = new Uint8Array(PKCS8_PREFIX.length + seed.length);
  pkcs8.set(PKCS8_PREFIX);
  pkcs8.set(seed, PKCS8_PREFIX.length);
  // Extractable only to read the public key, which WebCrypto gives as the JWK's `x`.
  const key = await subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
  seed.fill(0);
  pkcs8.fill(0);
  const credential = toHex(fromBase64URL((await subtle.exportKey("jwk", key)).x));
  if (secret) answers = await encryptAnswers({ ...secret, answers, electionHash, credential });
  const unsigned = { answers, credential, election, electionHash };
  const signature = toHex(new Uint8Array(await subtle.sign({ name: "Ed25519" }, key, utf8.encode(canonicalJSON(unsigned)))));
  const ballot = canonicalJSON({ ...unsigned, signature });
  const tracker = toHex(new Uint8Array(await subtle.digest("SHA-256", utf8.encode(ballot))));
  return { ballot, tracker, credential };
}

/** Whether this browser can sign here: a secure context (HTTPS, or 127.0.0.1/localhost) with
 *  WebCrypto's Ed25519. Returns "ok", "insecure" or "oldBrowser". */
export async function signingSupport() {
  if (!window.isSecureContext || !globalThis.crypto?.subtle) return "insecure";
  try {
    const probe = new Uint8Array(PKCS8_PREFIX.length + 32);
    probe.set(PKCS8_PREFIX);
    await crypto.subtle.importKey("pkcs8", probe, { name: "Ed25519" }, false, ["sign"]);
    return "ok";
  } catch {
    return "oldBrowser";
  }
}

function fromHex(hex) {
  return new Uint8Array(hex.match(/../g).map((pair) => parseInt(pair, 16)));
}

function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromBase64URL(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "="));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// MARK: The page

/** A message of the page with its {placeholders} filled. */
function fill(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function start() {
  const form = document.getElementById("booth");
  if (!form) return;
  const words = document.getElementById("booth-messages").dataset;
  const review = document.getElementById("booth-review");
  const done = document.getElementById("booth-done");
  const codeInput = document.getElementById("code");
  const confirm = document.getElementById("booth-confirm");
  const edit = document.getElementById("booth-edit");
  const status = document.getElementById("booth-status");
  const refusal = document.getElementById("booth-refusal");
  let pending = null; // { code, answers } between the review and the confirmation
  // Shown until this script runs, so that a page without JavaScript says why nothing can be done (a
  // <noscript> is not shown by every way of turning scripts off).
  document.getElementById("booth-script-needed").hidden = true;

  const secret = form.dataset.secret ? { publicKey: form.dataset.publicKey, questions: questionsOf(form) } : null;
  signingSupport().then((support) => {
    if (support === "ok") {
      form.hidden = false;
      // The tables of G and of the election key, built while the voter reads (about 0.1 s), so that
      // casting pays only for the encryption. A failure here is met again, and said, at casting.
      if (secret) setTimeout(() => {
        try {
          prepare(secret.publicKey);
        } catch {
          // said at casting
        }
      }, 0);
      return;
    }
    const notice = document.getElementById("booth-unsupported");
    notice.textContent = words[support];
    notice.hidden = false;
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const { code, answers, problems } = readForm(form, words);
    showProblems(form, problems);
    if (problems.length > 0) return;
    pending = { code, answers };
    showReview(form, review, words);
    refusal.hidden = true;
    status.textContent = "";
    form.hidden = true;
    review.hidden = false;
    document.getElementById("review-heading").focus();
  });

  edit.addEventListener("click", () => {
    pending = null;
    review.hidden = true;
    form.hidden = false;
    codeInput.focus();
  });

  confirm.addEventListener("click", async () => {
    if (!pending) return;
    confirm.disabled = edit.disabled = true;
    refusal.hidden = true;
    status.textContent = secret ? words.encrypting : words.sending;
    // The encryption holds the page for a moment: the message is drawn first.
    if (secret) await nextPaint();
    let signed;
    try {
      signed = await signBallot({ ...pending, election: form.dataset.election, electionHash: form.dataset.electionHash,
        salt: form.dataset.salt, secret });
    } catch {
      // WebCrypto refused to sign, which signingSupport() checked it would not, or the encryption
      // failed: say so, send nothing.
      status.textContent = "";
      refusal.textContent = secret ? words.encryptFailed : words.oldBrowser;
      refusal.hidden = false;
      confirm.disabled = edit.disabled = false;
      return;
    }
    status.textContent = words.sending;
    try {
      const answer = await cast(form.dataset.ballots, signed.ballot, form.dataset.lang, words);
      status.textContent = "";
      if (answer.refusal) {
        refusal.textContent = answer.refusal;
        refusal.hidden = false;
        return;
      }
      pending = null;
      codeInput.value = "";
      showTracker(form, done, answer.receipt.tracker, signed.tracker, words);
      review.hidden = true;
      done.hidden = false;
      document.getElementById("done-heading").focus();
    } finally {
      confirm.disabled = edit.disabled = false;
    }
  });
}

/** Resolves once the browser has drawn what changed (a status message) before a long computation. */
function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Each question as p256.js makes its slots: `{ kind, choices, min, max }` from the fieldsets'
 *  data- attributes (min and max an approval's only). */
function questionsOf(form) {
  return Array.from(form.querySelectorAll("fieldset.question"), ({ dataset }) => ({
    kind: dataset.kind, choices: Number(dataset.choices),
    ...(dataset.kind === "approval" ? { min: Number(dataset.min), max: Number(dataset.max) } : {}),
  }));
}

/** The code and the answers as the ballot holds them, or what is wrong, field by field, in the
 *  page's words: `{ code, answers, problems: [{ field, text }] }`. */
function readForm(form, words) {
  const problems = [];
  const typed = normalizeCode(document.getElementById("code").value);
  const codeMessages = { missing: "codeMissing", character: "codeCharacter", length: "codeLength", check: "codeCheck" };
  if (typed.error) problems.push({ field: document.getElementById("code"), text: fill(words[codeMessages[typed.error]], typed) });
  const answers = [];
  for (const fieldset of form.querySelectorAll("fieldset.question")) {
    const { answer, problem } = readQuestion(fieldset);
    answers.push(answer);
    if (problem) problems.push(problem);
  }
  return { code: typed.code, answers, problems };
}

function readQuestion(fieldset) {
  const data = fieldset.dataset;
  const inputs = Array.from(fieldset.querySelectorAll("input"));
  const chosen = inputs.filter((input) => input.checked).map((input) => Number(input.value));
  switch (data.kind) {
    case "single":
      return chosen.length === 1 ? { answer: chosen } : { answer: [], problem: { field: inputs[0], text: data.errorMissing } };
    case "approval": {
      const answer = chosen.sort((a, b) => a - b);
      const ok = answer.length >= Number(data.min) && answer.length <= Number(data.max);
      return ok ? { answer } : { answer, problem: { field: inputs[0], text: fill(data.errorCount, { count: answer.length }) } };
    }
    case "ranked": {
      const selects = Array.from(fieldset.querySelectorAll("select"));
      const answer = [];
      let gap = null;
      for (const select of selects) {
        if (select.value === "") {
          gap ??= select;
          continue;
        }
        if (gap) return { answer, problem: { field: gap, text: fill(data.errorGap, { rank: labelOf(gap) }) } };
        const index = Number(select.value);
        if (answer.includes(index)) {
          return { answer, problem: { field: select, text: fill(data.errorTwice, { choice: select.selectedOptions[0].textContent }) } };
        }
        answer.push(index);
      }
      return answer.length > 0 ? { answer } : { answer, problem: { field: selects[0], text: data.errorMissing } };
    }
  }
  return { answer: [] };
}

function labelOf(field) {
  return document.querySelector(`label[for="${field.id}"]`).textContent;
}

/** Each problem by its field (aria-invalid, the message under it) and in a summary with links,
 *  which takes the focus. */
function showProblems(form, problems) {
  for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
  for (const message of form.querySelectorAll(".error")) {
    message.hidden = true;
    message.textContent = "";
  }
  const summary = document.getElementById("booth-errors");
  const list = summary.querySelector("ul");
  list.replaceChildren();
  summary.hidden = problems.length === 0;
  if (problems.length === 0) return;
  for (const { field, text } of problems) {
    const container = field.closest("fieldset");
    const message = container.classList.contains("code") ? document.getElementById("code-error") : container.querySelector(".error");
    message.textContent = text;
    message.hidden = false;
    field.setAttribute("aria-invalid", "true");
    const link = document.createElement("a");
    link.href = "#" + field.id;
    link.textContent = text;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      field.focus();
    });
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }
  summary.focus();
}

/** The answers in words: each question's legend, then the choices as the form names them. */
function showReview(form, review, words) {
  const container = document.getElementById("review-answers");
  container.replaceChildren();
  for (const fieldset of form.querySelectorAll("fieldset.question")) {
    const heading = document.createElement("h3");
    heading.textContent = fieldset.querySelector("legend").textContent;
    let names;
    if (fieldset.dataset.kind === "ranked") {
      names = Array.from(fieldset.querySelectorAll("select")).filter((s) => s.value !== "").map((s) => s.selectedOptions[0].textContent);
    } else {
      names = Array.from(fieldset.querySelectorAll("input:checked")).map(labelOf);
    }
    const list = document.createElement(fieldset.dataset.kind === "ranked" ? "ol" : "ul");
    for (const name of names.length > 0 ? names : [words.noneTicked]) {
      const item = document.createElement("li");
      item.textContent = name;
      list.append(item);
    }
    container.append(heading, list);
  }
}

/** Posts the signed ballot; `{ receipt }` on 202, or `{ refusal }` in words: the API's own
 *  problem+json `detail` (in the page's language), or why nothing came back. */
async function cast(path, ballot, language, words) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST", body: ballot, credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json", "Accept-Language": language },
    });
  } catch {
    return { refusal: words.network };
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: said below by its status
  }
  if (response.status === 202 && typeof body?.tracker === "string") return { receipt: body };
  if (typeof body?.detail === "string") return { refusal: fill(words.refused, { detail: body.detail }) };
  return { refusal: fill(words.unexpected, { status: response.status }) };
}

/** The tracker large, with the link that looks it up on the board; a warning when the server's
 *  differs from the one computed here. */
function showTracker(form, done, serverTracker, ownTracker, words) {
  document.getElementById("booth-tracker").textContent = ownTracker;
  const link = document.getElementById("booth-board-link");
  link.href = `${form.dataset.board}?lang=${encodeURIComponent(form.dataset.lang)}&tracker=${ownTracker}`;
  const warning = done.querySelector(".mismatch") ?? document.createElement("p");
  warning.className = "error mismatch";
  warning.setAttribute("role", "alert");
  warning.textContent = fill(words.trackerMismatch, { server: serverTracker });
  warning.hidden = serverTracker === ownTracker;
  if (!warning.isConnected) done.append(warning);
}

start();
