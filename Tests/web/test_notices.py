"""A reminder as a member gets it: coop-api delivers the e-mail to a real SMTP server on 127.0.0.1
(aiosmtpd, Tests/mail/smtp_server.py, from the venv `make test` sets up); the member opens the opt-out
link at its foot in a phone's browser, in their language, and turns that kind of reminders off.
axe-core and the Nu validator on the page, with JavaScript on and off."""
import email
import json
import re
import subprocess
import tempfile
import time
from email import policy
from pathlib import Path

from playwright.sync_api import expect

from conftest import ROOT, assert_valid_documents, coopctl, free_port, no_violations, screenshots, serving

PYTHON = ROOT / ".build" / "venv-mail" / "bin" / "python"


def wait_for(path, deadline=60):
    """The server writes each file whole (a rename): wait until it is there."""
    end = time.monotonic() + deadline
    while not path.exists():
        assert time.monotonic() < end, f"{path} never came"
        time.sleep(0.02)


def start_mail_server(folder):
    process = subprocess.Popen([str(PYTHON), str(ROOT / "Tests" / "mail" / "smtp_server.py"), "--dir", str(folder)])
    wait_for(folder / "port")
    return process, int((folder / "port").read_text())


def test_a_member_turns_off_cycle_notices_from_the_link_in_the_email(page):
    folder = Path(tempfile.mkdtemp(prefix="coop-web-mail-"))
    db = folder / "coop.sqlite"
    run = lambda *args: coopctl(db, *args)
    run("init")
    run("member", "add", "--first-name", "Ada", "--last-name", "Lovelace", "--email", "ada@example.org", "--language", "fr")
    run("member", "add", "--first-name", "Sam", "--last-name", "Lee", "--email", "sam@example.org", "--language", "en")
    run("cycle", "create", "--name", "Semaine 50", "--opens", "2026-01-05T09:00", "--closes", "2099-12-31T20:00",
        "--pickup-date", "2100-01-02")
    run("cycle", "open", "1")
    mail, port = start_mail_server(folder / "mail")
    web_port = free_port()
    try:
        env = {"COOP_SMTP_URL": f"smtp://127.0.0.1:{port}", "COOP_MAIL_FROM": "outils@coop-exemple.org",
               "COOP_PUBLIC_URL": f"http://127.0.0.1:{web_port}"}
        with serving(db, env=env, port=web_port) as address:
            wait_for(folder / "mail" / "000002.eml")
            messages = [email.message_from_bytes(p.read_bytes(), policy=policy.default)
                        for p in sorted((folder / "mail").glob("*.eml"))]
            documents = []
            for message in messages:
                french = "ada@" in message["To"]
                text = message.get_body(("plain",)).get_content()
                assert text.startswith("Bonjour Ada," if french else "Hello Sam,"), text
                assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
                link = re.search(r"(http://\S+/notices/opt-out\S+)", text).group(1)
                assert link.endswith("&lang=fr" if french else "&lang=en")
                page.goto(link)
                expect(page.locator("h1")).to_have_text(
                    "Ne plus recevoir les avis de cycles de commande ?" if french else "Stop receiving order cycle notices?")
                no_violations(page)
                screenshots(page, "opt-out-fr" if french else "opt-out-en")
                documents.append(page.content())
                page.get_by_role("button", name="Ne plus les recevoir" if french else "Stop sending them").click()
                expect(page.locator("h1")).to_have_text("C’est fait" if french else "Done")
                documents.append(page.content())
            (folder / "validator").mkdir()
            assert_valid_documents(documents, folder / "validator")
        for member in ["M-0001", "M-0002"]:
            preferences = {p["topic"]: p["enabled"] for p in json.loads(run("notify", "preferences", member, "--json"))}
            assert preferences == {"loans": True, "cycles": False, "membership": True}
    finally:
        mail.terminate()
        mail.wait(timeout=30)
