"""The checker itself, on small pages written here: each rule must catch what it is for and let marked data pass."""
import urllib.parse

import pytest

from conftest import PHONE
from pagecheck import check_page


def page(body, lang="fa"):
    direction = "rtl" if lang == "fa" else "ltr"
    html = f'<!doctype html><html lang="{lang}" dir="{direction}"><head><meta name="viewport" content="width=device-width">' \
           f'</head><body>{body}</body></html>'
    return "data:text/html;charset=utf-8," + urllib.parse.quote(html)


@pytest.fixture
def window(browser):
    return browser(PHONE).driver


@pytest.mark.parametrize("body,found", [
    ("<p>the warranty of Fuser ends soon</p>", "English sentence"),
    ("<p>پایان گارانتی در 2026-12-22</p>", "Gregorian"),
    ("<p>موعد 12/08/2026</p>", "Gregorian"),
    ("<p>هزینه ۴۲۷۰۰۰۰۰ ریال</p>", "ungrouped number"),
    ("<p>۹۳۲۶٫۲ صفحه</p>", "ungrouped number"),
    ("<table><tr><td style='white-space:nowrap'>" + "پهن " * 80 + "</td></tr></table>", "scrolls sideways"),
    # A table a little wider than the phone: the browser lays the page out wider and zooms it out, so nothing
    # scrolls, yet a button past the phone's edge cannot be tapped (the work report's parts table did this).
    ("<table style='width:520px'><tr><td>جدول</td><td><button>تأیید</button></td></tr></table>", "wider than the phone"),
])
def test_each_rule_catches_its_fault(window, body, found):
    window.get(page(body))
    problems = check_page(window, phone=True)
    assert any(found in p for p in problems), problems


@pytest.mark.parametrize("body", [
    "<p>دستگاه <bdi>HP LaserJet Pro M404dn</bdi> در تعمیر است</p>",
    "<p>سریال <span dir='ltr'>BR100044 CN-2026-12-22</span></p>",
    "<p>هزینه ۴۲٬۷۰۰٬۰۰۰ ریال، ۹٬۳۲۶٫۲ صفحه، ۱۷ آذر ۱۴۰۵</p>",
    "<div style='overflow-x:auto'><table><tr><td style='white-space:nowrap'>" + "پهن " * 80 + "</td></tr></table></div>",
    "<p hidden>the hidden text is not read by anyone</p>",
])
def test_marked_data_and_right_persian_pass(window, body):
    window.get(page(body))
    assert check_page(window, phone=True) == []


def test_english_pages_are_not_held_to_persian_rules(window):
    window.get(page("<p>The warranty of Fuser ends on 2026-12-22 at 42700000 Rials</p>", lang="en"))
    assert check_page(window, phone=True) == []
