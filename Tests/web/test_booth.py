"""The voting booth (GET /vote/{election}) in a real browser: a member types their code, answers,
reviews, confirms; the page signs the ballot with WebCrypto (127.0.0.1 is a secure context), posts it
to the API and shows the tracker, which the board then finds, and counts once tallied. The ballot's
bytes are the ones `coopctl vote cast --dry-run` prints for the same code and answers."""
import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from conftest import assert_valid_html, coopctl, no_violations, screenshot, serving

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
QUESTIONS = ["--question", "Adopter les états financiers ?", "--kind", "single", "--choices", "Pour|Contre|Abstention",
             "--question", "Conseil d’administration", "--kind", "approval", "--choices", "Ana|Ben|Cy|Di|Zoé <i>",
             "--min", "1", "--max", "2",
             "--question", "Logo", "--kind", "ranked", "--choices", "Soleil|Arbre|Abeille"]


def instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def well_typed(values):
    """A code with Damm's check character over GF(32), as CredentialCode.generate makes one."""
    def times_two(x):
        shifted = x << 1
        return (shifted ^ 0x25) & 0x1F if shifted & 0x20 else shifted
    interim = 0
    for value in values:
        interim = times_two(interim) ^ value
    return "".join(ALPHABET[v] for v in values + [times_two(interim)])


class Booth:
    """A co-op with four members and three elections: E-0001 and E-0002 open now (three questions:
    single, approval 1 to 2, ranked), E-0003 a draft that opens in 2030."""

    def __init__(self, folder, address):
        self.folder, self.address, self.db = folder, address, folder / "coop.sqlite"
        self.closes = None

    def code(self, election, member):
        return json.loads((self.folder / f"codes-{election}" / f"{member}.json").read_text())["code"]

    def dry_run(self, election, code, *answers):
        """What `coopctl vote cast --dry-run` signs for `code` and `answers`: the canonical ballot."""
        arguments = ["vote", "cast", election, "--credential", code, "--dry-run"]
        for answer in answers:
            arguments += ["--answer", answer]
        return coopctl(self.db, *arguments).rstrip("\n")

    def close_and_tally(self, election):
        """Past the closing time by COOP_NOW (the server keeps the real clock: it only reads the board)."""
        after = instant(self.closes + timedelta(minutes=1))
        coopctl(self.db, "election", "close", election, now=after)
        coopctl(self.db, "election", "tally", election, now=after)


@pytest.fixture(scope="module")
def booth(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coop-booth")
    db = folder / "coop.sqlite"
    coopctl(db, "init")
    for first, last in [("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"), ("Edith", "Piaf")]:
        coopctl(db, "member", "add", "--first-name", first, "--last-name", last, "--email", f"{first.lower()}@example.org")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    closes = now + timedelta(days=2)
    for election in ("E-0001", "E-0002"):
        coopctl(db, "election", "create", "--title", "Assemblée générale 2026", "--opens", instant(now - timedelta(hours=1)),
                "--closes", instant(closes), *QUESTIONS)
        coopctl(db, "election", "credentials", election, "--out", str(folder / f"codes-{election}"))
        coopctl(db, "election", "open", election)
    coopctl(db, "election", "create", "--title", "Assemblée générale 2030", "--opens", "2030-12-01T13:00",
            "--closes", "2030-12-01T16:00", *QUESTIONS)
    with serving(db) as address:
        booth = Booth(folder, address)
        booth.closes = closes
        yield booth


def new_page(browser, width=360, javascript=True):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript, locale="fr-CA")
    page = context.new_page()
    page.coop_javascript = javascript
    return page


def test_a_member_votes_in_the_booth_and_finds_the_tracker_on_the_board(booth, browser):
    page = new_page(browser)
    page.goto(f"{booth.address}/vote/E-0002")
    expect(page).to_have_title("Voter : Assemblée générale 2026 · Coop")
    code = booth.code("E-0002", "M-0001")
    # Typed as a person might: lower case, spaces for dashes.
    page.get_by_label("Code de vote (16 caractères, comme XXXX-XXXX-XXXX-XXXX)").fill(code.lower().replace("-", " "))
    page.get_by_label("Contre", exact=True).check()
    page.get_by_label("Cy", exact=True).check()
    page.get_by_label("Ana", exact=True).check()
    page.get_by_label("1er choix").select_option(label="Abeille")
    page.get_by_label("2e choix").select_option(label="Soleil")
    page.get_by_role("button", name="Relire mon bulletin avant l’envoi").click()

    review = page.locator("#booth-review")
    expect(review.get_by_role("heading", name="Relisez votre bulletin")).to_be_focused()
    expect(review.locator("ul").nth(0)).to_have_text("Contre")
    expect(review.locator("ul").nth(1).locator("li")).to_have_text(["Ana", "Cy"])
    expect(review.locator("ol li")).to_have_text(["Abeille", "Soleil"])
    no_violations(page)
    screenshot(page, "booth-review-fr-360")

    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/api/v1/elections/E-0002/ballots")) as posted:
        page.get_by_role("button", name="Confirmer et envoyer mon vote").click()
    expect(page.get_by_role("heading", name="Votre vote est enregistré")).to_be_focused()
    ballot = posted.value.post_data
    # The same bytes as the CLI signs for the same code and answers (approvals sorted, ranks in order).
    assert ballot == booth.dry_run("E-0002", code, "1", "2,0", "2,0")
    assert json.loads(ballot)["answers"] == [[1], [0, 2], [2, 0]]
    tracker = hashlib.sha256(ballot.encode()).hexdigest()
    expect(page.locator("#booth-tracker")).to_have_text(tracker)
    expect(page.locator(".mismatch")).to_be_hidden()
    assert page.get_by_label("Code de vote (16 caractères, comme XXXX-XXXX-XXXX-XXXX)").input_value() == "", "the code is not kept"
    no_violations(page)
    screenshot(page, "booth-done-fr-360")

    page.get_by_role("link", name="Vérifier ce numéro sur le registre public").click()
    expect(page).to_have_url(f"{booth.address}/board/E-0002?lang=fr&tracker={tracker}")
    expect(page.get_by_text("Au registre : événement")).to_be_visible()
    booth.close_and_tally("E-0002")
    page.reload()
    expect(page.get_by_text("Compté : c’est le dernier bulletin de ce code de vote.")).to_be_visible()
    page.goto(f"{booth.address}/vote/E-0002")
    expect(page.get_by_text("Le vote est fermé")).to_be_visible()
    page.context.close()


def test_mistakes_and_refusals_are_said_in_words_in_english(booth, browser):
    page = new_page(browser, width=1280)
    page.goto(f"{booth.address}/vote/E-0001?lang=en")
    code_field = page.get_by_label("Voting code (16 characters, like XXXX-XXXX-XXXX-XXXX)")
    review = page.get_by_role("button", name="Review my ballot before sending it")
    summary = page.locator("#booth-errors")

    review.click()
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_text([
        "Type your voting code: 16 characters, on the paper you received for this election.",
        "Question 1: choose one answer.",
        "Question 2: you ticked 0. Tick 1 to 2 choices.",
        "Question 3: choose at least your 1st choice.",
    ])
    expect(code_field).to_have_attribute("aria-invalid", "true")
    no_violations(page)
    screenshot(page, "booth-errors-en-1280")

    code = booth.code("E-0001", "M-0002")
    swapped = code[1] + code[0] + code[2:] if code[0] != code[1] else code[:5] + code[6] + code[5] + code[7:]
    for typed, message in [
        (swapped, "This code has a typing mistake: a character is wrong, or two characters are swapped."),
        (code[:-1], "A voting code has 16 characters, not counting dashes and spaces: you typed 15."),
        ("U" + code[1:], 'The character "U" is not used in voting codes (digits and letters, except U): check your code.'),
    ]:
        code_field.fill(typed)
        review.click()
        expect(page.locator("#code-error")).to_contain_text(message)
    page.get_by_label("Pour", exact=True).check()
    for name in ("Ana", "Ben", "Cy"):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("1st choice").select_option(label="Arbre")
    page.get_by_label("3rd choice").select_option(label="Soleil")
    review.click()
    expect(summary.locator("li").nth(0)).to_have_text(
        'The character "U" is not used in voting codes (digits and letters, except U): check your code.')
    expect(summary.locator("li").nth(1)).to_have_text("Question 2: you ticked 3. Tick 1 to 2 choices.")
    expect(summary.locator("li").nth(2)).to_have_text(
        'Question 3: the rank "2nd choice" is empty while a later rank is filled; fill the ranks in order.')
    page.get_by_label("2nd choice").select_option(label="Arbre")
    page.get_by_label("Cy", exact=True).uncheck()
    review.click()
    expect(summary.locator("li").nth(1)).to_have_text('Question 3: "Arbre" is ranked twice.')

    # A well-typed code that is on no list: the page cannot know, the API refuses it, in English.
    page.get_by_label("2nd choice").select_option(label="Abeille")
    code_field.fill(well_typed(list(range(15))))
    review.click()
    expect(summary).to_be_hidden()
    page.get_by_role("button", name="Confirm and cast my vote").click()
    expect(page.locator("#booth-refusal")).to_have_text(
        "Your ballot was not accepted: This voting credential is not on the election’s list.")
    no_violations(page)
    # Back to the form, the real code, and the ballot goes through.
    page.get_by_role("button", name="Change my answers").click()
    code_field.fill(code)
    review.click()
    page.get_by_role("button", name="Confirm and cast my vote").click()
    expect(page.get_by_role("heading", name="Your vote is recorded")).to_be_visible()
    expect(page.get_by_role("link", name="Check this tracker on the public board")).to_have_attribute(
        "href", f"/board/E-0001?lang=en&tracker={page.locator('#booth-tracker').text_content()}")
    screenshot(page, "booth-done-en-1280")
    page.context.close()


def test_the_booth_page_in_french_and_english_with_and_without_javascript(booth, page):
    page.goto(f"{booth.address}/vote/E-0001")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assemblée générale 2026")
    expect(page.get_by_text("Votre code ne quitte jamais cet appareil")).to_be_visible()
    if page.coop_javascript:
        expect(page.get_by_role("group", name="Question 1 sur 3 : Adopter les états financiers ?")).to_be_visible()
        expect(page.get_by_text("Pour voter sur cette page, JavaScript doit être activé")).to_be_hidden()
        expect(page.get_by_text("Cochez de 1 à 2 choix.")).to_be_visible()
        expect(page.get_by_text("Zoé <i>")).to_be_visible()
        no_violations(page)
        screenshot(page, "booth-fr-360")
    else:
        expect(page.get_by_text("Pour voter sur cette page, JavaScript doit être activé")).to_be_visible()
        expect(page.get_by_text("Votre code ne quitte jamais votre appareil.", exact=False)).to_be_visible()
        expect(page.locator("#booth")).to_be_hidden()
        screenshot(page, "booth-nojs-fr-360")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    if page.coop_javascript:
        expect(page.get_by_role("group", name="Question 3 of 3: Logo")).to_be_visible()
        expect(page.get_by_label("2nd choice")).to_be_visible()
        no_violations(page)
    else:
        expect(page.get_by_text("To vote on this page, JavaScript must be turned on")).to_be_visible()
    # The choice of English is remembered; ?lang=fr switches back.
    page.goto(f"{booth.address}/vote/E-0003?lang=fr")
    expect(page.get_by_text("Le vote n’est pas encore ouvert : il ouvrira le 1er décembre 2030 à 13 h.")).to_be_visible()
    no_violations(page)


def test_the_booth_at_a_desk_screen(booth, browser):
    page = new_page(browser, width=1280)
    page.goto(f"{booth.address}/vote/E-0001")
    expect(page.locator("#booth")).to_be_visible()
    no_violations(page)
    screenshot(page, "booth-fr-1280")
    page.context.close()


def test_the_booth_pages_are_valid_html(booth, tmp_path):
    paths = ["/vote/E-0001", "/vote/E-0003", "/vote/E-0099"]
    assert_valid_html([f"{booth.address}{path}?lang={language}" for path in paths for language in ("fr", "en")], tmp_path)


def test_the_booth_signs_what_coopctl_signs_and_how_fast(booth, browser):
    """The module's own functions, called in the page: the same bytes as coopctl, and the time a
    three-question ballot takes to sign (derivation, signature, tracker), printed."""
    page = new_page(browser)
    page.goto(f"{booth.address}/vote/E-0001")
    code = booth.code("E-0001", "M-0003")
    measured = page.evaluate("""async ({ typed, answers, forgiving }) => {
        const booth = await import("/static/booth.js");
        const form = document.getElementById("booth").dataset;
        const input = { code: booth.normalizeCode(typed).code, answers, election: form.election,
                        electionHash: form.electionHash, salt: form.salt };
        let start = performance.now();
        const signed = await booth.signBallot(input);
        const first = performance.now() - start;
        const times = [];
        for (let i = 0; i < 50; i++) {
            start = performance.now();
            await booth.signBallot(input);
            times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        return { ...signed, first, median: times[25], best: times[0], worst: times[49],
                 canonical: booth.canonicalJSON({ z: "é\\u0001\\u2028/\\"\\\\", a: [1, -0, true, null], "é": {} }),
                 normalized: booth.normalizeCode(forgiving) };
    }""", {"typed": code, "answers": [[2], [1, 3], [1, 0, 2]],
           "forgiving": code.lower().replace("-", " ").replace("0", "o").replace("1", "l")})
    assert measured["ballot"] == booth.dry_run("E-0001", code, "2", "1,3", "1,0,2")
    assert measured["tracker"] == hashlib.sha256(measured["ballot"].encode()).hexdigest()
    assert measured["canonical"] == '{"a":[1,0,true,null],"z":"é\\u0001\u2028/\\"\\\\","é":{}}'
    assert measured["normalized"] == {"code": code.replace("-", "")}, "case, spaces, o for 0 and l for 1 forgiven"
    print(f"\nbooth: signing a 3-question ballot took {measured['first']:.1f} ms the first time, then "
          f"median {measured['median']:.1f} ms (best {measured['best']:.1f}, worst {measured['worst']:.1f}) over 50")
    page.context.close()


def test_over_plain_http_on_another_host_name_the_booth_asks_for_https(booth, browser):
    """Outside a secure context there is no WebCrypto: the booth says the address must be https://.
    The browser maps a made-up host name to 127.0.0.1 (nothing leaves the machine)."""
    import os
    port = booth.address.rsplit(":", 1)[1]
    insecure = browser.browser_type.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                           args=["--no-sandbox", "--host-resolver-rules=MAP booth.test 127.0.0.1"])
    try:
        page = insecure.new_page(viewport={"width": 360, "height": 800}, locale="fr-CA")
        page.goto(f"http://booth.test:{port}/vote/E-0001")
        expect(page.get_by_role("alert")).to_have_text(
            "Ce navigateur ne peut pas signer votre bulletin à cette adresse : le vote en ligne demande une adresse "
            "sécurisée, qui commence par https://. Demandez la bonne adresse à votre coopérative.")
        expect(page.locator("#booth")).to_be_hidden()
        assert page.evaluate("window.isSecureContext") is False
    finally:
        insecure.close()
