"""The secret booth (coop-voting-2) in a real browser: Static/p256.js, the booth's hand-written P-256
in BigInt, checked against public vectors and an independent P-256 written here in Python; its
encrypted answers and their bit and sum proofs, verified by its own verifier, which refuses every kind
of tampering; then a secret election with a teller, where a member casts through the booth in French
and the server accepts the encrypted ballot (it checks every proof), a ballot `coopctl vote cast
--dry-run` made verifies in the page and a tampered copy does not, and the time a three-question
ballot takes to encrypt, prove and sign is printed."""
import hashlib
import json
import os
import subprocess
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import BIN, assert_valid_html, coopctl, no_violations, screenshot, serving

SHARED = Path(__file__).resolve().parents[3] / "shared"

# P-256 in plain Python (affine coordinates, pow(x, -1, p)): slow and simple, a third implementation
# beside OpenSSL (Swift) and p256.js to check k·G against.
P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
     0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)


def add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0] and (a[1] + b[1]) % P == 0:
        return None
    if a == b:
        slope = (3 * a[0] * a[0] - 3) * pow(2 * a[1], -1, P) % P
    else:
        slope = (b[1] - a[1]) * pow(b[0] - a[0], -1, P) % P
    x = (slope * slope - a[0] - b[0]) % P
    return x, (slope * (a[0] - x) - a[1]) % P


def times(k, point=G):
    result = None
    while k:
        if k & 1:
            result = add(result, point)
        point = add(point, point)
        k >>= 1
    return result


def compressed(point):
    return ("03" if point[1] & 1 else "02") + f"{point[0]:064x}"


def off_curve_x():
    """The first x with no point on the curve: x³ − 3x + b is not a square mod p (Euler's criterion)."""
    x = 1
    while pow((x ** 3 - 3 * x + B) % P, (P - 1) // 2, P) == 1:
        x += 1
    return x


def wycheproof_points():
    return [test for group in json.loads((SHARED / "testvectors" / "wycheproof-ecdh_secp256r1_ecpoint_test.json").read_text())["testGroups"]
            for test in group["tests"]]


def crypto_page(browser, server):
    """A page of the server (127.0.0.1: a secure context, with crypto.subtle) that has imported p256.js."""
    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    page.goto(f"{server}/catalogue")
    page.evaluate("async () => { window.p256 = await import('/static/p256.js'); }")
    return page


@pytest.fixture(scope="module")
def p256(browser, server):
    page = crypto_page(browser, server)
    yield page
    page.context.close()


def test_expand_message_xmd_matches_rfc_9380(p256):
    """RFC 9380 appendix K.1 (SHA-256, 32 bytes; and 0x80 bytes for the empty message), and the hash to a
    scalar is below n."""
    got = p256.evaluate("""async () => {
        const dst = new TextEncoder().encode("QUUX-V01-CS02-with-expander-SHA256-128");
        const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
        const out = {};
        for (const m of ["", "abc", "abcdef0123456789"]) out[m] = hex(await p256.expandMessageXMD(new TextEncoder().encode(m), dst, 32));
        out.long = hex(await p256.expandMessageXMD(new Uint8Array(0), dst, 0x80));
        out.scalar = (await p256.hashToScalar("bit", new Uint8Array([1, 2, 3]))).toString(16);
        return out;
    }""")
    assert got[""] == "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"
    assert got["abc"] == "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"
    assert got["abcdef0123456789"] == "eff31487c770a893cfb36f912fbfcbff40d5661771ca4b2cb4eafe524333f5c1"
    assert got["long"] == ("af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0dd4d5e69e93eb7cd4f5df4cd1"
                           "03e188cf60cb02edc3edf18eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dcc541708d349118447"
                           "2c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced")
    assert int(got["scalar"], 16) < N


def test_k_times_g_matches_an_independent_p256(p256):
    """k·G from the fixed table for scalars that stress the signed digits' carries (every byte 0x80,
    0x7f, 0xff), the ends of the range, and a few random ones, against the Python P-256 above."""
    import secrets
    scalars = [1, 2, 3, 127, 128, 129, 255, 256, N - 1, N - 2, (N - 1) // 2, 2**255, int("80" * 32, 16) % N,
               int("7f" * 32, 16), int("ff" * 31, 16), 2**248 - 1] + [secrets.randbelow(N - 1) + 1 for _ in range(8)]
    got = p256.evaluate("(ks) => ks.map((k) => p256.encodePoint(p256.multiplyGenerator(BigInt('0x' + k))))",
                        [f"{k:x}" for k in scalars])
    assert got == [compressed(times(k)) for k in scalars]
    assert p256.evaluate("p256.multiplyGenerator(p256.N) === null"), "n·G is the identity"
    # k·P for a variable P (the verifier's multiplication) agrees with (k·l)·G.
    k, l = secrets.randbelow(N), secrets.randbelow(N)
    assert p256.evaluate("([p, k]) => p256.encodePoint(p256.multiplyPoint(p, BigInt('0x' + k)))",
                         [compressed(times(l)), f"{k:x}"]) == compressed(times(k * l % N))


def test_wycheproof_points_decode_exactly_when_valid(p256):
    """Wycheproof's P-256 ECDH points: every valid one (compressed here when given uncompressed) decodes
    to its own coordinates and private·P has the expected x (the shared secret, its edge cases of the
    multiplication included); the invalid compressed ones are refused, and so is every other form
    (uncompressed, the identity, wrong lengths), `00`, upper case and x = p."""
    cases = []
    for test in wycheproof_points():
        public = test["public"]
        entry = {"id": test["tcId"], "public": public, "result": test["result"], "private": test["private"], "shared": test["shared"]}
        if len(public) == 130 and public.startswith("04") and test["result"] != "invalid":
            x, y = int(public[2:66], 16), int(public[66:], 16)
            entry.update(compressed=compressed((x, y)), x=f"{x:x}", y=f"{y:x}")
        cases.append(entry)
    assert len(cases) == 355
    results = p256.evaluate("""(cases) => cases.map((test) => {
        const out = { id: test.id };
        try { p256.decodePoint(test.public); out.direct = "accepted"; } catch (error) { out.direct = error.reason; }
        const text = test.compressed ?? (test.public.length === 66 ? test.public : null);
        if (text !== null) {
            try {
                const point = p256.decodePoint(text);
                out.x = point.x.toString(16); out.y = point.y.toString(16); out.onCurve = p256.isOnCurve(point);
                out.reencoded = p256.encodePoint(point);
                out.shared = p256.multiplyPoint(text, BigInt("0x" + test.private)).x.toString(16).padStart(64, "0");
            } catch (error) { out.refused = error.reason; }
        }
        return out;
    })""", cases)
    checked = 0
    for case, result in zip(cases, results):
        name = f"tcId {case['id']}"
        if len(case["public"]) == 66 and case["public"][:2] in ("02", "03"):
            if case["result"] == "invalid":
                assert result.get("refused") in ("notOnCurve", "outOfField"), name
                continue
            assert result["direct"] == "accepted" and result["reencoded"] == case["public"], name
        else:
            assert result["direct"] in ("malformed", "identity"), f"{name}: only the compressed form is read"
        if "compressed" in case or (len(case["public"]) == 66 and case["result"] != "invalid"):
            checked += 1
            if "x" in case:
                assert (result["x"], result["y"]) == (case["x"], case["y"]), name
            assert result["onCurve"] and result["shared"] == case["shared"], name
    assert checked > 300
    refused = p256.evaluate("""(texts) => texts.map((t) => { try { p256.decodePoint(t); return "accepted"; } catch (e) { return e.reason; } })""",
                            ["00", compressed(G).upper(), "04" + compressed(G)[2:], "02" + f"{P:064x}", "02" + f"{off_curve_x():064x}",
                             compressed(G) + "00", compressed(G)[:-2]])
    assert refused == ["identity", "malformed", "malformed", "outOfField", "notOnCurve", "malformed", "malformed"]
    assert p256.evaluate("p256.decodePoint('00', { allowIdentity: true }) === null")
    assert p256.evaluate("""() => [p256.decodeScalar(p256.N.toString(16)), p256.decodeScalar("f".repeat(64)),
                                   p256.decodeScalar("0".repeat(63) + "A"), p256.decodeScalar("0".repeat(63) + "a")].map((k) => k === null ? null : Number(k))""") \
        == [None, None, None, 10], "a scalar ≥ n is refused, never reduced; lower case only"


def test_rankings_are_numbered_by_length_then_in_order(p256):
    got = p256.evaluate("""() => ({ three: p256.rankings(3), four: p256.rankings(4).length,
        slots: [p256.questionSlots({ kind: "ranked", choices: 3 }), p256.questionSlots({ kind: "approval", choices: 7, min: 0, max: 3 }),
                p256.questionSlots({ kind: "single", choices: 3 }), p256.questionSlots({ kind: "approval", choices: 4 })],
        values: p256.slotValues({ kind: "ranked", choices: 3 }, [1, 0]),
        tooMany: (() => { try { p256.questionSlots({ kind: "ranked", choices: 5 }); return "accepted"; } catch { return "refused"; } })() })""")
    assert got["three"] == [[0], [1], [2], [0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1],
                            [0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
    assert got["four"] == 64
    assert got["slots"] == [{"count": 15, "lo": 1, "hi": 1}, {"count": 7, "lo": 0, "hi": 3}, {"count": 3, "lo": 1, "hi": 1},
                            {"count": 4, "lo": 0, "hi": 4}]
    assert got["values"] == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert got["tooMany"] == "refused"


QUESTIONS = [{"kind": "single", "choices": 3}, {"kind": "approval", "choices": 7, "min": 0, "max": 3}, {"kind": "ranked", "choices": 3}]


def test_encrypted_answers_verify_and_every_tampering_is_named(p256):
    """A three-question ballot's answers (3 + 7 + 15 slots) encrypted and proved in the page, then verified
    by the page: sound; each change is refused, named as the server names it."""
    import secrets
    key = compressed(times(secrets.randbelow(N - 1) + 1))
    got = p256.evaluate("""async ({ questions, key, electionHash, credential }) => {
        const input = { questions, publicKey: key, electionHash, credential };
        const answers = await p256.encryptAnswers({ ...input, answers: [[1], [0, 4, 6], [2, 0]] });
        const verify = (changed, over = {}) => p256.verifyAnswers({ ...input, ...over, answers: changed });
        const copy = () => JSON.parse(JSON.stringify(answers));
        const out = { shape: answers.map((a) => [a.choices.length, a.proofs.length, a.sum.length]), sound: await verify(answers) };
        out.otherCredential = await verify(answers, { credential: credential.replace(/^../, "00") });
        out.otherElection = await verify(answers, { electionHash: "11".repeat(32) });
        let changed = copy();
        [changed[1].choices[0], changed[1].choices[1]] = [changed[1].choices[1], changed[1].choices[0]];
        out.swapped = await verify(changed);
        changed = copy(); changed[2].proofs[4][0].c = changed[2].proofs[4][1].c;
        out.challenge = await verify(changed);
        changed = copy(); changed[0].choices.pop(); changed[0].proofs.pop();
        out.dropped = await verify(changed);
        changed = copy(); changed[1].sum.pop();
        out.sumBranches = await verify(changed);
        changed = copy(); changed[1].proofs[2].push(changed[1].proofs[2][0]);
        out.threeBranches = await verify(changed);
        changed = copy(); changed[0].choices[1].beta = changed[0].choices[1].alpha;
        out.beta = await verify(changed);
        changed = copy(); changed[0].choices[2].alpha = "02" + "ff".repeat(32);
        out.offField = await verify(changed);
        changed = copy(); changed[0].proofs[0][1].s = p256.N.toString(16);
        out.bigScalar = await verify(changed);
        changed = copy(); changed[1].extra = 1;
        out.extraField = await verify(changed);
        out.missingQuestion = await verify(answers.slice(0, 2));
        // Two ticks on a single-choice question: every slot a true 0 or 1, the sum out of range.
        const two = await p256.encryptAnswers({ ...input, questions: [{ kind: "approval", choices: 3, min: 1, max: 2 }, ...questions.slice(1)],
                                                answers: [[0, 1], [0, 4, 6], [2, 0]] });
        changed = copy(); changed[0].choices = two[0].choices; changed[0].proofs = two[0].proofs;
        out.twoTicks = await verify(changed);
        return out;
    }""", {"questions": QUESTIONS, "key": key, "electionHash": secrets.token_hex(32), "credential": secrets.token_hex(32)})
    assert got["shape"] == [[3, 3, 1], [7, 7, 4], [15, 15, 1]]
    assert got["sound"] is None
    assert got["otherCredential"] == {"question": 0, "flaw": "bitProof", "slot": 0}, "a copy under another credential"
    assert got["otherElection"] == {"question": 0, "flaw": "bitProof", "slot": 0}
    assert got["swapped"] == {"question": 1, "flaw": "bitProof", "slot": 0}
    assert got["challenge"] == {"question": 2, "flaw": "bitProof", "slot": 4}
    assert got["dropped"] == {"question": 0, "flaw": "slotCount", "expected": 3, "got": 2}
    assert got["sumBranches"] == {"question": 1, "flaw": "sumProof"}
    assert got["threeBranches"] == {"question": 1, "flaw": "bitProof", "slot": 2}
    assert got["beta"] == {"question": 0, "flaw": "bitProof", "slot": 1}
    assert got["offField"] == {"question": 0, "flaw": "point", "path": "choices[2].alpha", "reason": "outOfField"}
    assert got["bigScalar"] == {"question": 0, "flaw": "scalar", "path": "proofs[0][1].s"}
    assert got["extraField"] == {"question": 1, "flaw": "shape", "path": ""}
    assert got["missingQuestion"] == {"question": 2, "flaw": "slotCount", "expected": 3, "got": 2}
    assert got["twoTicks"] == {"question": 0, "flaw": "sumProof"}


# MARK: A secret election, end to end

SECRET_QUESTIONS = ["--question", "Adopter les états financiers ?", "--kind", "single", "--choices", "Pour|Contre|Abstention",
                    "--question", "Conseil d’administration", "--kind", "approval", "--choices", "Ana|Ben|Cy|Di|Éva|Fred|Zoé <i>",
                    "--min", "1", "--max", "3",
                    "--question", "Logo", "--kind", "ranked", "--choices", "Soleil|Arbre|Abeille"]
PASSPHRASE = "une phrase de passe assez longue"


def instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def teller(db, *args):
    """`coopctl teller …` with the passphrase from the environment, as a script would run it."""
    env = dict(os.environ, COOP_DB=str(db), COOP_TZ="America/Toronto", COOP_LANG="fr", COOP_TELLER_PASSPHRASE=PASSPHRASE)
    return subprocess.run([str(BIN / "coopctl"), "teller", *args], env=env, check=True, capture_output=True, text=True).stdout


class SecretBooth:
    def __init__(self, folder, address, closes):
        self.folder, self.address, self.db, self.closes = folder, address, folder / "coop.sqlite", closes

    def code(self, member, election="E-0001"):
        return json.loads((self.folder / f"codes-{election}" / f"{member}.json").read_text())["code"]

    def cast(self, code, *answers, election="E-0001", dry_run=True):
        """`coopctl vote cast`: with --dry-run, the canonical ballot it would send."""
        arguments = ["vote", "cast", election, "--credential", code] + (["--dry-run"] if dry_run else [])
        for answer in answers:
            arguments += ["--answer", answer]
        return coopctl(self.db, *arguments).rstrip("\n")

    def dry_run(self, code, *answers):
        return self.cast(code, *answers)


@pytest.fixture(scope="module")
def secret_booth(tmp_path_factory):
    """A co-op with four members and two secret elections open now (E-0002 is closed and counted by a
    test): three questions (single of 3, approval of 7 with 1 to 3 ticks, ranked of 3: 3 + 7 + 15
    slots), one teller each (its key made with the passphrase from the environment), credentials issued."""
    folder = tmp_path_factory.mktemp("coop-secret-booth")
    db = folder / "coop.sqlite"
    coopctl(db, "init")
    for first, last in [("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"), ("Edith", "Piaf")]:
        coopctl(db, "member", "add", "--first-name", first, "--last-name", last, "--email", f"{first.lower()}@example.org")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    closes = now + timedelta(days=2)
    for election in ("E-0001", "E-0002"):
        coopctl(db, "election", "create", "--secret", "--title", "Assemblée générale 2026", "--opens", instant(now - timedelta(hours=1)),
                "--closes", instant(closes), *SECRET_QUESTIONS)
        teller(db, "keygen", "--election", election, "--out", str(folder / f"teller-{election}.key"))
        teller(db, "register", election, str(folder / f"teller-{election}.key.pub"))
        coopctl(db, "election", "credentials", election, "--out", str(folder / f"codes-{election}"))
        coopctl(db, "election", "open", election)
    with serving(db) as address:
        yield SecretBooth(folder, address, closes)


def booth_page(browser, width=360):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-CA")
    return context.new_page()


# The election as the booth's page gives it to the script: the key and each question's slots.
ELECTION_OF_PAGE = """() => {
    const form = document.getElementById("booth");
    const questions = Array.from(form.querySelectorAll("fieldset.question"), ({ dataset }) => ({
        kind: dataset.kind, choices: Number(dataset.choices),
        ...(dataset.kind === "approval" ? { min: Number(dataset.min), max: Number(dataset.max) } : {}) }));
    return { publicKey: form.dataset.publicKey, questions, election: form.dataset.election,
             electionHash: form.dataset.electionHash, salt: form.dataset.salt };
}"""


def test_a_member_casts_a_secret_ballot_in_french_and_the_server_accepts_it(secret_booth, browser):
    page = booth_page(browser)
    page.goto(f"{secret_booth.address}/vote/E-0001")
    expect(page).to_have_title("Voter : Assemblée générale 2026 · Coop")
    expect(page.get_by_text("Vote secret : vos réponses sont chiffrées sur cet appareil avant l’envoi.")).to_be_visible()
    code = secret_booth.code("M-0001")
    page.get_by_label("Code de vote (16 caractères, comme XXXX-XXXX-XXXX-XXXX)").fill(code.lower())
    page.get_by_label("Contre", exact=True).check()
    for name in ("Ana", "Éva", "Zoé <i>"):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("1er choix").select_option(label="Abeille")
    page.get_by_label("2e choix").select_option(label="Soleil")
    page.get_by_role("button", name="Relire mon bulletin avant l’envoi").click()
    review = page.locator("#booth-review")
    expect(review.get_by_role("heading", name="Relisez votre bulletin")).to_be_focused()
    expect(review.locator("ul").nth(1).locator("li")).to_have_text(["Ana", "Éva", "Zoé <i>"])
    no_violations(page)

    # Every message the status line shows while the booth works, in order.
    page.evaluate("""() => {
        window.statusSeen = [];
        new MutationObserver(() => window.statusSeen.push(document.getElementById("booth-status").textContent))
            .observe(document.getElementById("booth-status"), { childList: true, characterData: true, subtree: true });
    }""")
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/api/v1/elections/E-0001/ballots")) as posted:
        page.get_by_role("button", name="Confirmer et envoyer mon vote").click()
    expect(page.get_by_role("heading", name="Votre vote est enregistré")).to_be_focused()
    assert posted.value.status == 202, posted.value.text()
    seen = [text for text in page.evaluate("window.statusSeen") if text]
    assert seen[:2] == ["Chiffrement de votre bulletin… Cela prend quelques secondes au plus ; ne fermez pas la page.",
                        "Signature et envoi de votre bulletin…"], seen

    text = posted.value.request.post_data
    ballot = json.loads(text)
    assert sorted(ballot) == ["answers", "credential", "election", "electionHash", "signature"]
    assert [(len(a["choices"]), len(a["proofs"]), len(a["sum"])) for a in ballot["answers"]] == [(3, 3, 1), (7, 7, 3), (15, 15, 1)]
    assert all(len(c["alpha"]) == 66 and len(c["beta"]) == 66 for a in ballot["answers"] for c in a["choices"]), "encrypted, not in the clear"
    tracker = hashlib.sha256(text.encode()).hexdigest()
    assert posted.value.json()["tracker"] == tracker
    expect(page.locator("#booth-tracker")).to_have_text(tracker)
    expect(page.locator(".mismatch")).to_be_hidden()
    # The page's own verifier agrees with the server.
    election = page.evaluate(ELECTION_OF_PAGE)
    assert page.evaluate("""async ([ballot, election]) => (await import("/static/p256.js")).verifyBallot(ballot, election)""",
                         [ballot, election]) is None
    no_violations(page)
    screenshot(page, "secret-booth-done-fr-360")

    page.get_by_role("link", name="Vérifier ce numéro sur le registre public").click()
    expect(page).to_have_url(f"{secret_booth.address}/board/E-0001?lang=fr&tracker={tracker}")
    expect(page.get_by_text("Au registre : événement")).to_be_visible()
    page.context.close()


def test_the_booths_ballot_is_counted_by_the_teller_as_it_was_ticked(secret_booth, browser):
    """E-0002: one ballot through the booth, one through coopctl; closed (which publishes the encrypted
    sums), decrypted by its teller, whose decryption brings the result: the counts are the answers
    ticked, and `coopctl election verify` accepts the whole board, the booth's proofs included."""
    page = booth_page(browser, width=1280)
    page.goto(f"{secret_booth.address}/vote/E-0002")
    page.get_by_label("Code de vote (16 caractères, comme XXXX-XXXX-XXXX-XXXX)").fill(secret_booth.code("M-0001", "E-0002"))
    page.get_by_label("Contre", exact=True).check()
    for name in ("Ana", "Éva", "Zoé <i>"):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("1er choix").select_option(label="Abeille")
    page.get_by_label("2e choix").select_option(label="Soleil")
    page.get_by_role("button", name="Relire mon bulletin avant l’envoi").click()
    page.get_by_role("button", name="Confirmer et envoyer mon vote").click()
    expect(page.get_by_role("heading", name="Votre vote est enregistré")).to_be_visible()
    tracker = page.locator("#booth-tracker").text_content()
    secret_booth.cast(secret_booth.code("M-0002", "E-0002"), "0", "1", "0,1,2", election="E-0002", dry_run=False)

    after = instant(secret_booth.closes + timedelta(minutes=1))
    coopctl(secret_booth.db, "election", "close", "E-0002", now=after)
    teller(secret_booth.db, "decrypt", "E-0002", "--key", str(secret_booth.folder / "teller-E-0002.key"))
    board = secret_booth.folder / "board-E-0002.json"
    coopctl(secret_booth.db, "election", "board", "E-0002", "--output", str(board))
    events = json.loads(board.read_text())["events"]
    assert [e["type"] for e in events if e["type"] in ("ballot", "tally", "decryption", "result")] == \
        ["ballot", "ballot", "tally", "decryption", "result"]
    result = next(e["payload"] for e in events if e["type"] == "result")
    assert result["voted"] == 2
    assert result["questions"][0]["counts"] == [1, 1, 0], "Contre (the booth), Pour (coopctl)"
    assert result["questions"][1]["counts"] == [1, 1, 0, 0, 1, 0, 1], "Ana, Éva, Zoé (the booth); Ben (coopctl)"
    # Rankings numbered by length then in order: [2, 0] is slot 7, [0, 1, 2] slot 9.
    assert result["questions"][2]["rankingCounts"] == [0] * 7 + [1, 0, 1] + [0] * 5
    assert "OK" in coopctl(secret_booth.db, "election", "verify", str(board))
    page.goto(f"{secret_booth.address}/board/E-0002?lang=fr&tracker={tracker}")
    expect(page.get_by_text("Au registre : événement")).to_be_visible()
    expect(page.get_by_text("Compté : c’est le dernier bulletin de ce code de vote.")).to_be_visible()
    page.context.close()


def test_a_ballot_made_by_coopctl_verifies_in_the_script_and_a_tampered_copy_does_not(secret_booth, browser):
    page = booth_page(browser)
    page.goto(f"{secret_booth.address}/vote/E-0001")
    expect(page.locator("#booth")).to_be_visible()
    text = secret_booth.dry_run(secret_booth.code("M-0002"), "2", "1,4,6", "2,0,1")
    ballot = json.loads(text)
    other = json.loads(secret_booth.dry_run(secret_booth.code("M-0003"), "0", "3", "1"))
    got = page.evaluate("""async ([ballot, other, election]) => {
        const p256 = await import("/static/p256.js");
        const copy = () => JSON.parse(JSON.stringify(ballot));
        const out = { sound: await p256.verifyBallot(ballot, election) };
        let changed = copy();
        changed.answers[1].proofs[3] = [changed.answers[1].proofs[3][1], changed.answers[1].proofs[3][0]];
        out.branchesSwapped = await p256.verifyBallot(changed, election);
        changed = copy(); changed.answers[2].choices[9].beta = changed.answers[2].choices[10].beta;
        out.betaMoved = await p256.verifyBallot(changed, election);
        changed = copy(); changed.answers[0].sum = other.answers[0].sum;
        out.otherSum = await p256.verifyBallot(changed, election);
        changed = copy(); changed.credential = other.credential;
        out.copied = await p256.verifyBallot(changed, election);
        changed = copy(); changed.answers[1] = other.answers[1];
        out.mixed = await p256.verifyBallot(changed, election);
        out.other = await p256.verifyBallot(other, election);
        return out;
    }""", [ballot, other, page.evaluate(ELECTION_OF_PAGE)])
    assert got["sound"] is None and got["other"] is None
    assert got["branchesSwapped"] == {"question": 1, "flaw": "bitProof", "slot": 3}
    assert got["betaMoved"] == {"question": 2, "flaw": "bitProof", "slot": 9}
    assert got["otherSum"] == {"question": 0, "flaw": "sumProof"}
    assert got["copied"] == {"question": 0, "flaw": "bitProof", "slot": 0}, "bound to its credential"
    assert got["mixed"] == {"question": 1, "flaw": "bitProof", "slot": 0}
    page.context.close()


def test_casting_a_secret_ballot_takes_well_under_a_second(secret_booth, browser):
    """The booth's own functions, in the page: key derivation, encryption and proofs of 25 slots, the
    three sum proofs and the signature. The first cast after the page's tables are built, then the
    median of 10; and the tables themselves (G's and the election key's), timed on a fresh page. The
    last ballot is posted: the server accepts it."""
    page = booth_page(browser)
    page.goto(f"{secret_booth.address}/vote/E-0001")
    expect(page.locator("#booth")).to_be_visible()
    code = secret_booth.code("M-0004")
    measured = page.evaluate("""async ([typed, election]) => {
        const booth = await import("/static/booth.js");
        const p256 = await import("/static/p256.js");
        let start = performance.now();
        p256.prepare(election.publicKey); // already built by the page while the voter reads: then ~0 ms
        const prepared = performance.now() - start;
        const input = { code: booth.normalizeCode(typed).code, answers: [[0], [1, 2, 6], [1, 2]], election: election.election,
                        electionHash: election.electionHash, salt: election.salt,
                        secret: { publicKey: election.publicKey, questions: election.questions } };
        const times = [];
        let signed;
        for (let i = 0; i < 11; i++) {
            start = performance.now();
            signed = await booth.signBallot(input);
            times.push(performance.now() - start);
        }
        const first = times[0];
        times.sort((a, b) => a - b);
        const verifyStart = performance.now();
        const flaw = await p256.verifyBallot(JSON.parse(signed.ballot), election);
        const verify = performance.now() - verifyStart;
        const response = await fetch(form().dataset.ballots, { method: "POST", body: signed.ballot, headers: { "Content-Type": "application/json" } });
        return { first, median: times[5], best: times[0], worst: times[10], prepared, flaw, verify, status: response.status,
                 tracker: signed.tracker, receipt: (await response.json()).tracker };
        function form() { return document.getElementById("booth"); }
    }""", [code, page.evaluate(ELECTION_OF_PAGE)])
    assert measured["flaw"] is None
    assert measured["status"] == 202 and measured["receipt"] == measured["tracker"], "the server accepts the booth's ballot"
    fresh = booth_page(browser)
    fresh.goto(f"{secret_booth.address}/catalogue")
    tables = fresh.evaluate("""async (key) => {
        const p256 = await import("/static/p256.js");
        const start = performance.now();
        p256.prepare(key);
        return performance.now() - start;
    }""", page.evaluate(ELECTION_OF_PAGE)["publicKey"])
    print(f"\nsecret booth: encrypting, proving and signing a 3-question ballot (3 + 7 + 15 slots) took "
          f"{measured['first']:.1f} ms the first time, then median {measured['median']:.1f} ms "
          f"(best {measured['best']:.1f}, worst {measured['worst']:.1f}) over 10; building the tables of G and Y "
          f"{tables:.1f} ms (done while the page loads); verifying the ballot {measured['verify']:.1f} ms")
    assert measured["first"] < 1000 and measured["median"] < 1000
    page.context.close()
    fresh.context.close()


def test_the_secret_booth_shows_the_hash_of_the_scripts_it_runs(secret_booth, browser):
    """SHA-256 of p256.js followed by booth.js, as served: what a member recomputes with
    `curl -s …/static/p256.js …/static/booth.js | sha256sum`."""
    served = b"".join(urllib.request.urlopen(f"{secret_booth.address}/static/{name}").read() for name in ("p256.js", "booth.js"))
    fingerprint = hashlib.sha256(served).hexdigest()
    # The board's setup committed to the same scripts when the codes were issued.
    board = json.load(urllib.request.urlopen(f"{secret_booth.address}/api/v1/elections/E-0001/board"))
    assert board["events"][0]["type"] == "setup" and board["events"][0]["payload"]["booth"] == fingerprint
    for language, label in [("fr", "empreinte SHA-256 de p256.js suivi de booth.js :"), ("en", "SHA-256 fingerprint of p256.js followed by booth.js:")]:
        page = booth_page(browser, width=1280)
        page.goto(f"{secret_booth.address}/vote/E-0001?lang={language}")
        expect(page.locator(".script-hash").first).to_contain_text(label)
        expect(page.locator("#booth-script-hash")).to_have_text(fingerprint)
        expect(page.locator("#booth-board-hash")).to_have_text(fingerprint)
        expect(page.locator("#booth-script-changed")).to_have_count(0)
        no_violations(page)
        screenshot(page, f"secret-booth-{language}-1280")
        page.context.close()


def test_the_secret_booth_page_is_valid_html(secret_booth, tmp_path):
    assert_valid_html([f"{secret_booth.address}/vote/E-0001?lang={language}" for language in ("fr", "en")], tmp_path)
