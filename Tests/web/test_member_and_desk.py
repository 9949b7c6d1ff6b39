"""The signed-in flows in a real browser, each against its own co-op: a member reserves a tool for the
weekend and finds it on /me; a volunteer checks out three tools by typed "scans", then checks one in
late and sees the fee; a member fills a basket and sees the taxes; a basket edit after the close is
refused in words. With JavaScript on and off (none of these needs it), in French then English, axe-core
on every page, the Nu validator on the pages' HTML, screenshots at 360 and 1280 px."""
import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import assert_valid_documents, coopctl, no_violations, screenshots, serving


def instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Club:
    """A tool library that is also a food co-op: Ada (M-0001) borrows and orders, Bob (M-0002) is a
    volunteer with the staff role; four tools lent 7 days at 1,00 $ a day late; one open cycle with
    eggs (zero-rated) and jam (taxable), closing in two days."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="coop-web-club-"))
        self.db = self.folder / "coop.sqlite"
        self.now = datetime.now(timezone.utc).replace(microsecond=0)
        self.closes = self.now + timedelta(days=2)
        run = lambda *args: coopctl(self.db, *args)
        run("init")
        run("plan", "add", "--name", "Annuel", "--fee", "40.00", "--months", "12", "--max-loans", "5", "--max-reservations", "3")
        run("member", "add", "--first-name", "Ada", "--last-name", "Lovelace", "--email", "ada@example.org", "--plan", "Annuel")
        run("member", "add", "--first-name", "Bob", "--last-name", "Bénévole", "--email", "bob@example.org", "--plan", "Annuel")
        run("member", "web-role", "M-0002", "staff")
        run("policy", "set", "--loan-days", "7", "--renewals", "1", "--fee-per-day", "1.00", "--grace-days", "0", "--fee-cap", "20.00")
        for code, name in [("T-0001", "Perceuse à percussion"), ("T-0002", "Scie sauteuse"), ("T-0003", "Ponceuse"),
                           ("T-0004", "Échelle télescopique")]:
            run("item", "add", "--code", code, "--name", name, "--category", "Outils", "--create")
        run("producer", "add", "--name", "Ferme Tournesol")
        run("product", "add", "--code", "OEUFS", "--name", "Œufs", "--producer", "Ferme Tournesol", "--unit", "douzaine",
            "--price", "6.50", "--tax", "zero", "--stock", "10")
        run("product", "add", "--code", "CONF", "--name", "Confiture", "--producer", "Ferme Tournesol", "--unit", "unité",
            "--price", "6.99", "--tax", "taxable", "--on-demand")
        run("pickup", "add", "--name", "Plateau", "--address", "4500 rue Fabre")
        run("cycle", "create", "--name", "Semaine 49", "--opens", instant(self.now - timedelta(hours=1)), "--closes", instant(self.closes),
            "--pickup-date", (self.closes + timedelta(days=1)).strftime("%Y-%m-%d"), "--pickup", "Plateau")
        run("cycle", "open", "1")

    def code(self, member, now=None):
        """A one-time sign-in code from the desk, as `coopctl member sign-in-code` prints it."""
        return json.loads(coopctl(self.db, "member", "sign-in-code", member, "--json", now=now))["code"]


@pytest.fixture
def club():
    return Club()


def sign_in(page, address, email, code):
    page.goto(f"{address}/login")
    page.get_by_label("Adresse courriel").fill(email)
    page.get_by_label("Mot de passe ou code").fill(code)
    page.get_by_role("button", name="Se connecter").click()


def test_a_member_reserves_a_tool_for_the_weekend_and_finds_it_on_their_page(club, page):
    documents = []
    with serving(club.db) as address:
        sign_in(page, address, "ada@example.org", club.code("M-0001"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
        page.goto(f"{address}/catalogue/T-0004")
        # The coming weekend is filled in: the member only confirms.
        page.get_by_role("button", name="Réserver ces dates").click()
        expect(page.get_by_text("C’est réservé : votre réservation est ci-dessous.")).to_be_visible()
        expect(page.get_by_role("button", name="Annuler la réservation de « Échelle télescopique »")).to_be_visible()
        no_violations(page)
        screenshots(page, "me-fr")
        documents.append(page.content())
        page.get_by_role("link", name="English").click()
        expect(page.get_by_role("heading", name="My reservations")).to_be_visible()
        expect(page.get_by_role("button", name="Cancel the reservation of \"Échelle télescopique\"")).to_be_visible()
        no_violations(page)
        page.get_by_role("button", name="Cancel the reservation of \"Échelle télescopique\"").click()
        expect(page.get_by_text("The reservation is cancelled.")).to_be_visible()
        expect(page.get_by_text("No reservation ahead.")).to_be_visible()
    if page.coop_javascript:
        assert_valid_documents(documents, club.folder)


def scan(page, text):
    """What a USB barcode scanner does: the keystrokes, then Enter."""
    field = page.get_by_label("Carte de membre, nom, courriel, téléphone ou code d’un objet")
    expect(field).to_be_focused() if page.coop_javascript else None
    field.fill(text)
    field.press("Enter")


def test_a_volunteer_checks_out_three_tools_then_one_comes_back_late_with_its_fee(club, page):
    documents = []
    with serving(club.db) as address:
        sign_in(page, address, "bob@example.org", club.code("M-0002"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Comptoir de prêt")
        scan(page, "M-0001")
        expect(page.get_by_role("heading", name="Ada Lovelace · M-0001")).to_be_visible()
        for code in ["T-0001", "T-0002", "T-0003"]:
            scan(page, code)
        expect(page.get_by_text("Ponceuse (T-0003)")).to_be_visible()
        no_violations(page)
        screenshots(page, "desk-fr")
        documents.append(page.content())
        page.get_by_role("button", name="Tout prêter (3 objets)").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Reçu de prêt")
        for name in ["Perceuse à percussion (T-0001)", "Scie sauteuse (T-0002)", "Ponceuse (T-0003)"]:
            expect(page.get_by_text(name)).to_contain_text("À rendre le")
        no_violations(page)
        documents.append(page.content())
    # Ten days later the drill comes back.
    later = instant(club.now + timedelta(days=10))
    with serving(club.db, now=later) as address:
        sign_in(page, address, "bob@example.org", club.code("M-0002", now=later))
        scan(page, "T-0001")
        expect(page.get_by_text("« Perceuse à percussion » est rentré (prêté à M-0001).")).to_be_visible()
        expect(page.get_by_text("Rendu avec 3 jours de retard : 3,00 $ de frais", exact=False)).to_be_visible()
        no_violations(page)
        page.goto(f"{address}/desk/today")
        expect(page.get_by_role("heading", name="Prêts en retard")).to_be_visible()
        expect(page.get_by_role("cell", name="Ponceuse (T-0003)")).to_be_visible()
        no_violations(page)
        screenshots(page, "desk-today-fr")
        documents.append(page.content())
        page.get_by_role("link", name="English").click()
        expect(page.get_by_role("heading", name="Overdue loans")).to_be_visible()
        page.goto(f"{address}/desk")
        scan_en = page.get_by_label("Member card, name, e-mail, phone or item code")
        scan_en.fill("T-0002")
        scan_en.press("Enter")
        expect(page.get_by_text("Returned 3 days late: a fee of $3.00", exact=False)).to_be_visible()
        no_violations(page)
    if page.coop_javascript:
        assert_valid_documents(documents, club.folder)


def test_a_member_fills_a_basket_and_sees_the_taxes(club, page):
    documents = []
    with serving(club.db) as address:
        sign_in(page, address, "ada@example.org", club.code("M-0001"))
        page.goto(f"{address}/basket")
        page.get_by_label("Quantité de « Œufs »").fill("2")
        page.get_by_label("Quantité de « Confiture »").fill("1")
        page.get_by_label("Point de cueillette").select_option("Plateau")
        page.get_by_role("button", name="Enregistrer mon panier").click()
        expect(page.get_by_text("Votre panier est enregistré.", exact=False)).to_be_visible()
        # 2 × 6,50 $ of eggs (zero-rated), 6,99 $ of jam: GST 0,35 $, QST 0,70 $.
        for amount in ["19,99 $", "0,35 $", "0,70 $", "21,04 $"]:
            expect(page.get_by_text(amount, exact=True)).to_be_visible()
        no_violations(page)
        screenshots(page, "basket-fr")
        documents.append(page.content())
        page.get_by_role("link", name="English").click()
        expect(page.get_by_text("GST", exact=True)).to_be_visible()
        expect(page.get_by_text("$21.04", exact=True)).to_be_visible()
        no_violations(page)
    if page.coop_javascript:
        assert_valid_documents(documents, club.folder)


def test_a_basket_edit_after_the_close_is_refused_in_words(club, page):
    # A minute after the closing time, before staff ran the close: the page still offers the basket.
    late = instant(club.closes + timedelta(minutes=1))
    with serving(club.db, now=late) as address:
        sign_in(page, address, "ada@example.org", club.code("M-0001", now=late))
        page.goto(f"{address}/basket")
        page.get_by_label("Quantité de « Œufs »").fill("3")
        page.get_by_label("Point de cueillette").select_option("Plateau")
        page.get_by_role("button", name="Enregistrer mon panier").click()
        expect(page.get_by_text("Votre panier n’a pas été enregistré", exact=False)).to_be_visible()
        expect(page.get_by_label("Quantité de « Œufs »")).to_have_value("3")
        no_violations(page)
        expect(page.get_by_text("Les commandes de ce cycle ont fermé", exact=False)).to_be_visible()
        page.get_by_role("link", name="English").click()
        page.get_by_label("Quantity of \"Œufs\"").fill("3")
        page.get_by_label("Pickup point").select_option("Plateau")
        page.get_by_role("button", name="Save my basket").click()
        expect(page.get_by_text("Your basket was not saved", exact=False)).to_be_visible()
    orders = json.loads(coopctl(club.db, "order", "list", "--cycle", "1", "--json"))
    assert orders.get("items", orders) == [], "nothing was saved"


def test_a_member_prints_their_invoice_with_the_coops_tax_numbers(club, page):
    coopctl(club.db, "coop", "set", "--name", "Coop Outils & Paniers", "--address", "4500 rue Fabre\nMontréal (Québec) H2J 3V1",
            "--gst-number", "123456789 RT 0001", "--qst-number", "1234567890 TQ 0001")
    coopctl(club.db, "order", "set", "--cycle", "1", "--member", "M-0001", "--pickup", "Plateau", "OEUFS=2", "CONF=1")
    closed = instant(club.closes + timedelta(minutes=5))
    coopctl(club.db, "cycle", "close", "1", now=closed)
    documents = []
    with serving(club.db, now=closed) as address:
        sign_in(page, address, "ada@example.org", club.code("M-0001", now=closed))
        page.get_by_role("link", name="Mes factures et relevés").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mes factures")
        no_violations(page)
        documents.append(page.content())
        page.get_by_role("link", name="2026-000001", exact=False).first.click()
        for text in ["Coop Outils & Paniers", "123456789RT0001", "1234567890TQ0001", "Ada Lovelace", "21,04 $"]:
            expect(page.get_by_text(text, exact=False).first).to_be_visible()
        no_violations(page)
        screenshots(page, "invoice-fr")
        documents.append(page.content())
        # Printed: the site's header and links are left out, the invoice stays.
        page.emulate_media(media="print")
        expect(page.locator("header.site")).to_be_hidden()
        expect(page.get_by_text("1234567890TQ0001", exact=False).first).to_be_visible()
        page.emulate_media(media="screen")
        page.get_by_role("link", name="English").click()
        expect(page.get_by_text("$21.04", exact=False).first).to_be_visible()
        expect(page.get_by_text("GST", exact=False).first).to_be_visible()
        no_violations(page)
        invoice = json.loads(coopctl(club.db, "invoice", "list", "--json"))["items"][0]
        page.goto(f"{address}/me/statements/{invoice['date'][:7]}?lang=fr")
        expect(page.get_by_text("2026-000001", exact=False).first).to_be_visible()
        no_violations(page)
        screenshots(page, "statement-fr")
        documents.append(page.content())
    if page.coop_javascript:
        assert_valid_documents(documents, club.folder)


def test_the_food_coops_volunteers_print_the_pickup_list(club, page):
    coopctl(club.db, "order", "set", "--cycle", "1", "--member", "M-0001", "--pickup", "Plateau", "OEUFS=2", "CONF=1")
    documents = []
    with serving(club.db) as address:
        sign_in(page, address, "bob@example.org", club.code("M-0002"))
        page.get_by_role("link", name="Aujourd’hui").click()
        page.get_by_role("link", name="Semaine 49").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Cueillette : Semaine 49")
        expect(page.get_by_role("heading", name="Plateau · 1 panier à remettre")).to_be_visible()
        expect(page.get_by_text("2 douzaines × Œufs (OEUFS)")).to_be_visible()
        no_violations(page)
        screenshots(page, "desk-pickup-fr")
        documents.append(page.content())
        page.get_by_role("link", name="English").click()
        expect(page.get_by_role("heading", name="Plateau · 1 basket to hand out")).to_be_visible()
        expect(page.get_by_text("2 dozen × Œufs (OEUFS)")).to_be_visible()
        no_violations(page)
    if page.coop_javascript:
        assert_valid_documents(documents, club.folder)
