"""The checker every page a journey visits goes through.

It fails the test on:
  * a 4xx/5xx answer (the navigation's own status, from the Navigation Timing entry);
  * a horizontal scroll when the window is a phone's 390 px;
  * on a Persian page, outside anything marked as data (an element with dir="ltr" or a <bdi>, which is how a
    serial number or a model name is shown inside right-to-left text anyway):
      - an English sentence: three or more Latin words in a row;
      - a Gregorian date: 2026-12-08, 12/08/2026 (and any date in Latin digits);
      - a number of four or more digits without grouping (a Solar Hijri year, 13xx or 14xx, is a year, not an amount).

What counts as text is what a reader sees: visible text nodes, grouped by the block they sit in, plus the
placeholder and visible value of text inputs and the text of <option>s.
"""
import re

# Each block's text with marked data cut out, as the reader sees it. Runs in the page.
_TEXT_BLOCKS_JS = r"""
const marked = el => el.closest('[dir="ltr"], bdi, script, style, noscript, template, svg');
const blockOf = node => {
  let el = node.parentElement;
  while (el && el !== document.body) {
    const d = getComputedStyle(el).display;
    if (!d.startsWith('inline') || d === 'inline-block') return el;
    el = el.parentElement;
  }
  return document.body;
};
const blocks = new Map();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!el || marked(el) || !n.textContent.trim()) continue;
  if (el.tagName !== 'OPTION' && !el.checkVisibility({visibilityProperty: true})) continue;
  const b = el.tagName === 'OPTION' ? el : blockOf(n);
  blocks.set(b, (blocks.get(b) || '') + n.textContent);
}
const out = [];
for (const [b, text] of blocks) out.push({where: b.tagName.toLowerCase() + (b.id ? '#' + b.id : '') + (b.className && typeof b.className === 'string' ? '.' + b.className.split(' ')[0] : ''), text: text.replace(/\s+/g, ' ').trim()});
for (const input of document.querySelectorAll('input, textarea')) {
  if (marked(input) || input.type === 'hidden' || !input.checkVisibility()) continue;
  if (input.placeholder) out.push({where: 'placeholder of ' + (input.name || input.id), text: input.placeholder});
}
return out;
"""

_ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[\s,;:()\-–/]+[A-Za-z][A-Za-z'’]*){2,}")
_GREGORIAN = [re.compile(r"(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])"),
              re.compile(r"(?<![0-9])[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}(?![0-9])"),
              re.compile(r"(?<![0-9])[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}(?![0-9])")]
# A digit run of four or more, Latin or Persian, not part of a date (digits joined by / or -) nor a decimal's fraction.
_DIGIT = "0-9۰-۹٠-٩"
_UNGROUPED = re.compile(rf"(?<![{_DIGIT}/\-.٫:])([{_DIGIT}]{{4,}})(?![{_DIGIT}]|[/\-:][{_DIGIT}])")
_PERSIAN_YEAR = re.compile(r"^[1۱][3۳4۴][0-9۰-۹]{2}$")


def _problems_in(text):
    found = []
    m = _ENGLISH.search(text)
    if m:
        found.append(f"English sentence {m.group(0)!r}")
    for pattern in _GREGORIAN:
        m = pattern.search(text)
        if m:
            found.append(f"Gregorian or Latin-digit date {m.group(0)!r}")
    for m in _UNGROUPED.finditer(text):
        if not _PERSIAN_YEAR.match(m.group(1)):
            found.append(f"ungrouped number {m.group(1)!r}")
            break
    return found


def persian_problems(blocks):
    """The problems in a Persian page's text blocks, as 'where: what (in "...")' lines."""
    lines = []
    for block in blocks:
        for problem in _problems_in(block["text"]):
            lines.append(f"{block['where']}: {problem} in {block['text'][:160]!r}")
    return lines


def check_page(driver, phone, form_error=False):
    """Every problem on the page now in the window, as a list of lines (empty when the page is fine).

    `form_error`: the page is a form sent back refused, which must be a 422 that shows its reason (an element
    with role="alert") and is otherwise held to the same rules."""
    problems = []
    status = driver.execute_script(
        "const e = performance.getEntriesByType('navigation')[0]; return e ? e.responseStatus : 0;")
    if form_error:
        if status != 422 or not driver.find_elements("css selector", "[role=alert]"):
            problems.append(f"a refused form should come back as 422 with its reason shown, not {status}")
    elif status >= 400:
        problems.append(f"the page answered {status}")
    if phone:
        widths = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth, screen.width];")
        # A phone's browser widens the page's layout to fit content that does not fit, and shows it zoomed out:
        # nothing scrolls sideways, yet the page is wider than the phone and what is past its edge cannot be tapped.
        if widths[0] > widths[1] or widths[1] > widths[2]:
            wide = driver.execute_script(r"""
              const w = screen.width, out = [];
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if ((r.right > w + 1 || r.left < -1) && r.width > 0) {
                  let p = el.parentElement, boxed = false;
                  for (; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') { boxed = true; break; } }
                  if (!boxed) out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''));
                }
                if (out.length >= 5) break;
              }
              return out;""")
            if widths[0] > widths[1]:
                problems.append(f"scrolls sideways at {widths[1]} px (content {widths[0]} px wide; overflowing: {', '.join(wide)})")
            else:
                problems.append(f"wider than the phone's {widths[2]} px: laid out at {widths[1]} px and shown zoomed out "
                                f"(overflowing: {', '.join(wide)})")
    if driver.execute_script("return document.documentElement.lang") == "fa":
        problems += persian_problems(driver.execute_script(_TEXT_BLOCKS_JS))
    return problems
