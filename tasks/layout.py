"""Page-layout furniture: what a page adds around an article, recognised by shape, not by words.

Pattern rules (tasks/rules/boilerplate/) know the phrases of each language; real pages also
carry furniture whose words nobody can list: a widget's list of cities, the headlines of
other stories, a photo caption printed twice, a caption ending in a picture agency. These
detectors look at the shape of lines and their neighbours, so they hold across outlets and
languages. Each returns the indexes of lines to remove with the reason to record.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from tasks.rulefiles import read_rules

_BULLET = re.compile(r"^\s*[•·▪◦●\-–*]\s+")
_LIST_MARK = re.compile(r"^\s*[•·▪◦●*]\s+")  # a list item; a dash may open a quoted reply ("– Det er så ringe!")
_SENTENCE_STOP = (".", "…", ";")
# a list of at least this many short bulleted items is navigation (a menu, a city picker)
NAV_MIN_ITEMS, NAV_MAX_WORDS = 3, 3
# bulleted items shaped like headlines (a few words, no figure, no closing punctuation) below the body's
# first sentence: at least this many in a row link to other stories
LINKED_MIN_ITEMS, LINKED_MIN_WORDS, LINKED_MAX_WORDS = 2, 3, 16
# at least this many short lines in a row, none a finished sentence, are headlines of other stories
TEASER_MIN_LINES, TEASER_MAX_WORDS = 4, 14
REPEAT_MIN_WORDS, REPEAT_MAX_GAP = 4, 4
BODY_MIN_WORDS = 5
EDGE_MAX_WORDS = 4
HEADLINE_MIN_WORDS = 2  # a one-word line heading the page is a section name ("Istanbul")
STRAY_MAX_WORDS = 1
SUBHEADING_NEIGHBOUR_WORDS = 8  # paragraphs around a one-word sub-heading
NAME_WITHIN = 8  # author lines stand among the first lines of a page
CREDIT_TAIL_CHARS = 80  # a credit at the end of a caption is read from its last characters
READ_MORE_MAX_LINKS = 3
RELATED_MIN_LINES, RELATED_FOUND_SHARE = 3, 0.5  # below a "You might also like": lines, share already furniture


def _words(line: str) -> int:
    return len(line.split())


def navigation_lists(lines: list[str | None]) -> list[int]:
    """Runs of >= 3 bulleted items of <= 3 words with no sentence punctuation ("• Adana", "• Bursa")."""
    out: list[int] = []
    run: list[int] = []
    for i, line in enumerate(lines + [None]):
        item = line is not None and _BULLET.match(line) and _words(_BULLET.sub("", line)) <= NAV_MAX_WORDS \
            and not line.rstrip().endswith(_SENTENCE_STOP)
        if item:
            run.append(i)
            continue
        if line is not None and not line.strip() and run:
            continue  # blank lines inside a list
        if len(run) >= NAV_MIN_ITEMS:
            out += run
        run = []
    return out


_LINK_ITEM = re.compile(r"^\s*(?:[•·▪◦●*]|-(?=\s))\s+")  # a hyphen too: a quoted reply opens with a dash ("–")


def _headline_item(line: str | None) -> bool:
    if line is None or not _LINK_ITEM.match(line):
        return False
    item = _LINK_ITEM.sub("", line).strip()
    return LINKED_MIN_WORDS <= _words(item) <= LINKED_MAX_WORDS and not any(c.isdigit() for c in item) \
        and not item.rstrip("\"'”’»)").endswith(_SENTENCE_STOP + ("!", "?", ":"))


def bulleted_headlines(lines: list[str | None]) -> list[int]:
    """Runs of >= 2 bulleted headlines after the article has begun ("• David Cameron resigns as prime
    minister", "• Прогноз погоди від Укргідрометцентру"): links to other stories. A list the article makes
    states facts in sentences or with figures ("• Premier Cameron hat seinen Rücktritt angekündigt.",
    "• Tampa Bay...4-6 ft"), and summary points above the first sentence are left alone; so are the
    headline-like items of a list most of whose items are such facts ("• Library closures in Burnage" among
    "• A 3.7 per cent council tax hike.")."""
    out: list[int] = []
    items: list[int] = []  # the bulleted lines of the current list
    top = first_body_line(lines)
    for i, line in enumerate(lines + [None]):
        if line is not None and not line.strip() and items:
            continue  # blank lines inside a list
        if i > top and line is not None and _LINK_ITEM.match(line):
            items.append(i)
            continue
        headlines = [k for k in items if _headline_item(lines[k])]
        if len(headlines) >= LINKED_MIN_ITEMS and len(items) - len(headlines) < len(headlines) / 2:
            out += headlines
        items = []
    return out


def _body_like(line: str | None) -> bool:
    """A sentence of the article: long, or finished with a full stop after a few words ("Tue, 20 Nov." is not)."""
    if line is None:
        return False
    n = _words(line)
    return n > TEASER_MAX_WORDS or (n >= BODY_MIN_WORDS and line.rstrip().endswith(_SENTENCE_STOP))


def page_edges(lines: list[str | None]) -> list[int]:
    """Short lines (<= EDGE_MAX_WORDS) before the first and after the last sentence of the article.

    A page's head holds the section name, a menu, the author, the weather; its tail the
    tags, "read more", the next section. The headline, the longest line of the head of at least two
    words, stays; so does a lone short last line, which may be the article cut short.
    """
    body = [i for i, line in enumerate(lines) if _body_like(line)]
    if not body:
        return []
    head = [i for i in range(body[0]) if lines[i] is not None and lines[i].strip()]
    titles = [i for i in head if _words(lines[i]) >= HEADLINE_MIN_WORDS]  # a lone "Istanbul" is a section name
    headline = max(titles, key=lambda k: (_words(lines[k]), -k)) if titles else None
    out = [i for i in head if i != headline and _words(lines[i]) <= EDGE_MAX_WORDS]
    last = max(i for i, line in enumerate(lines)
               if _body_like(line) or (line is not None and line.rstrip().endswith(_SENTENCE_STOP + ("!", "?"))))
    tail = [i for i in range(last + 1, len(lines)) if lines[i] is not None and lines[i].strip()]
    if len(tail) >= 2:  # one short last line may be the article cut short ("But Kingsley Coman an")
        out += [i for i in tail if _words(lines[i]) <= EDGE_MAX_WORDS]
    return out


def first_body_line(lines: list[str | None]) -> int:
    """Index of the first line of body text: what comes before is the page's head (menus, headline, stamps);
    len(lines) when there is none."""
    return next((i for i, line in enumerate(lines) if _body_like(line)), len(lines))


def stray_word(lines: list[str | None]) -> list[int]:
    """Lines of a single word that end no sentence ("Publisert", "info", "NULL", "PRIMICIAS", "atualizado"):
    labels, buttons and section names. A sub-heading has more words ("Målrike kampar"); the first line is left
    to the title check."""
    first = next((i for i, line in enumerate(lines) if line is not None and line.strip()), None)
    return [i for i, line in enumerate(lines)
            if i != first and line is not None and 0 < _words(line) <= STRAY_MAX_WORDS
            and not line.rstrip().endswith(_SENTENCE_STOP + ("!", "?")) and not _one_word_subheading(lines, i)]


def _one_word_subheading(lines: list[str | None], i: int) -> bool:
    """A capitalised word between two paragraphs of the article is a sub-heading ("Kontroller",
    "Brukaraktivitet"); a label there is a marker in capitals ("ILMOITUS", "NULL") or an advertisement
    word the patterns already removed."""
    word = lines[i].strip()
    return word.isalpha() and word[:1].isupper() and word[1:].islower() and _between_paragraphs(lines, i)


def _between_paragraphs(lines: list[str | None], i: int, adjacent: bool = False) -> bool:
    """A line with a finished paragraph above and a paragraph below sits inside the article: a sub-heading.
    `adjacent`: no furniture removed in between (an author line stands among removed timestamps)."""
    def neighbour(indexes: range) -> str | None:
        for j in indexes:
            if lines[j] is None and adjacent:
                return None
            if lines[j] is not None and lines[j].strip():
                return lines[j]
        return None
    before, after = neighbour(range(i - 1, -1, -1)), neighbour(range(i + 1, len(lines)))
    return (before is not None and after is not None and _words(before) >= SUBHEADING_NEIGHBOUR_WORDS
            and before.rstrip().endswith(_SENTENCE_STOP + ("!", "?", "\"", "”", "»"))
            and _words(after) >= SUBHEADING_NEIGHBOUR_WORDS)


GIVEN_NAMES = (Path(__file__).parent / "rules" / "entities" / "names.toml",
               Path(__file__).parent / "rules" / "entities" / "given_names.toml")


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(name.casefold() for path in GIVEN_NAMES for name in read_rules(path, "entity")["given"])


def _given_name(word: str) -> bool:
    return word.casefold() in _given_names()


def name_lines(lines: list[str | None]) -> list[int]:
    """Near the top, a line of 2-4 capitalised words and nothing else is an author or outlet line
    ("Cheryl McCloud", "Fort Myers News-Press", "THETOC TEAM"); the first line is the headline's unless it is a
    name above the first paragraph, and one between two paragraphs is a sub-heading ("Chronologia Wydarzeń")
    unless it opens with a given name."""
    present = [i for i, line in enumerate(lines) if line is not None and line.strip()]
    out = []
    for i in present[1:NAME_WITHIN]:
        text = lines[i].strip().rstrip(",")
        words = text.split()
        if (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in text)
                and "," not in text  # "Kjetil Knutsen, Bodø/Glimt" introduces a quote
                and not text.endswith(_SENTENCE_STOP + ("!", "?", ":"))
                and (_given_name(words[0]) or not _between_paragraphs(lines, i, adjacent=True))):
            out.append(i)
    if present and _byline_above_body(lines, present):
        out.insert(0, present[0])
    return out


def _byline_above_body(lines: list[str | None], present: list[int]) -> bool:
    """The page's first line is a person's name right above the article's first paragraph ("Tiina Judén"):
    a byline, not a headline (a headline says what happened)."""
    words = lines[present[0]].split()
    return (len(present) > 1 and 2 <= len(words) <= 3 and _given_name(words[0])
            and all(w[:1].isupper() and w.isalpha() for w in words)
            and _words(lines[present[1]]) >= SUBHEADING_NEIGHBOUR_WORDS)


_LINK_MARK = re.compile(r"^\s*(?:>|\||/\S|»\s)")
LINK_MAX_WORDS = 15


def link_markers(lines: list[str | None]) -> list[int]:
    """A short line opened by a link arrow or a separator ("> Read the latest ...", "| Source", "/Embedded
    code/"): page navigation written as text. Paragraphs open with a word or a quotation mark."""
    return [i for i, line in enumerate(lines)
            if line is not None and _LINK_MARK.match(line) and _words(line) <= LINK_MAX_WORDS]


def wrapped_lines(lines: list[str | None]) -> set[int]:
    """Lines of a paragraph wrapped at a fixed width: a line that ends no sentence and the line right below
    it that goes on in lower case ("... dopo l'infortunio del capitano" / "del Napoli, uscito ...").
    A headline never continues in lower case."""
    out: set[int] = set()
    for i in range(len(lines) - 1):
        this, below = lines[i], lines[i + 1]
        if this and below and this.strip() and below.strip()[:1].islower() \
                and not this.rstrip().endswith(_SENTENCE_STOP + ("!", "?")):
            out.update((i, i + 1))
    return out


def teaser_blocks(lines: list[str | None]) -> list[int]:
    """Runs of >= 4 short lines (blank lines between allowed) none of which ends a sentence with a full stop.

    Body text is made of sentences; a sub-heading stands alone between paragraphs. Four or
    more unfinished short lines in a row are a list of other stories' headlines, a tag list
    or a menu. Bulleted items are a list the article may well make ("• Tampa Bay...4-6 ft"):
    they break a run (navigation_lists judges them); a line opened by a dash is a headline quoting
    someone ("– Det er så ringe, begge dele!") and counts like any other.
    """
    out: list[int] = []
    run: list[int] = []
    wrapped = wrapped_lines(lines)
    for i, line in enumerate(lines + [None]):
        if line is not None and not line.strip():
            continue
        short = (line is not None and 0 < _words(line) <= TEASER_MAX_WORDS and not _LIST_MARK.match(line)
                 and not line.rstrip().endswith(_SENTENCE_STOP) and i not in wrapped)
        if short:
            run.append(i)
            continue
        if run and line is not None:
            run.pop()  # the last short line before body text heads it (a headline, a sub-heading)
        if len(run) >= TEASER_MIN_LINES:
            if run[0] < first_body_line(lines):  # the page's head: its longest line is the headline
                headline = max(run, key=lambda k: (_words(lines[k]), -k))
                run = [k for k in run if k != headline] if _words(lines[headline]) >= 3 else run
            out += run
        run = []
    return out


def _key(line: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split())


_SITE_SUFFIX = re.compile(r"^\s*[|–—·•-]\s*\S")  # "Headline | Example Times", "Headline - Site"
ADDED_MAX_WORDS = 8


def _same_text(a: str, b: str, head: bool) -> bool:
    """The same line, or one printed again with something added: below a picture, its caption with the
    credit ("... southern Turkey." / "... southern Turkey. (Source: Associated Press)"); in the page's
    head, the headline with the site's name ("Headline | Example Times")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) < REPEAT_MIN_WORDS or not long_.startswith(short):
        return False
    added = long_[len(short):]
    return bool(_SITE_SUFFIX.match(added)) if head else len(added.split()) <= ADDED_MAX_WORDS


def repeated_lines(lines: list[str | None]) -> list[int]:
    """Both copies of a line of >= 4 words printed twice close together (a caption as alt text and below
    the picture: at most REPEAT_MAX_GAP lines apart). In the page's head (or of the page's first line, even a
    full sentence) a repeat is the headline printed again: the later copy goes and the first stays."""
    top = first_body_line(lines)
    first = next((i for i, line in enumerate(lines) if line is not None and line.strip()), None)
    keyed = [(i, _key(line)) for i, line in enumerate(lines) if line is not None and _words(line) >= REPEAT_MIN_WORDS]
    out: set[int] = set()
    for n, (a, key_a) in enumerate(keyed):
        for b, key_b in keyed[n + 1:]:
            if (a < top or (a == first and b - a <= REPEAT_MAX_GAP)) and _same_text(key_a, key_b, head=True):  # a headline (or kicker) the page prints again:
                out.add(b if len(key_b) >= len(key_a) else a)  # the copy with the site's name added goes
            elif a >= top and b - a <= REPEAT_MAX_GAP and _same_text(key_a, key_b, head=False):
                out.update((a, b))
    return sorted(out)


# "— Sauli Niinistö (@niinisto) September 8, 2022": the signature under an embedded post
_POST_SIGNATURE = re.compile(r"^\s*[—–-]\s*[^()\n]{1,80}\(@\w{1,30}\)[^()\n]{0,40}$")
_POST_LINK = re.compile(r"\b(?:pic\.twitter\.com|t\.co)/\w+")


def embedded_posts(lines: list[str | None]) -> list[int]:
    """A social-media post quoted in the page: its signature line, the post's text just above it, and any
    line carrying a picture link of the platform ("... tomorrow. pic.twitter.com/VfxpXro22W")."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if line is None:
            continue
        if _POST_LINK.search(line):
            out.add(i)
        elif _POST_SIGNATURE.match(line):
            out.add(i)
            above = next((k for k in range(i - 1, -1, -1) if lines[k] is None or lines[k].strip()), None)
            if above is not None and lines[above] is not None:
                out.add(above)
    return sorted(out)


def after_read_more(lines: list[str | None], headers: set[int]) -> list[int]:
    """The linked headlines under a "Read also:" line: the unfinished short lines that follow it (at most
    READ_MORE_MAX_LINKS), up to the next sentence. In the page's head such a line names a section
    ("Новости раздела") and the headline under it is the article's own."""
    out = []
    top = first_body_line(lines)
    for h in sorted(k for k in headers if k > top):
        taken = 0
        for k in range(h + 1, len(lines)):
            line = lines[k]
            if line is None or not line.strip():
                continue
            if taken == READ_MORE_MAX_LINKS or _words(line) > TEASER_MAX_WORDS + 6 \
                    or line.rstrip().endswith(_SENTENCE_STOP):
                break
            out.append(k)
            taken += 1
    return out


def related_block(lines: list[str], kept: list[str | None], headers: set[int]) -> list[int]:
    """Below the body, a "You might also like" line whose rest of the page is mostly furniture already found
    (other stories' captions, timestamps, headlines) heads a block of other stories: what is left of it goes
    too (their summaries read like sentences). A "Read also" link inside the article, followed by more of
    the article, leaves a rest that is mostly kept: nothing goes."""
    top = first_body_line(kept)
    for h in sorted(k for k in headers if k > top):
        rest = [k for k in range(h + 1, len(lines)) if lines[k].strip()]
        found = sum(1 for k in rest if kept[k] is None)
        if len(rest) >= RELATED_MIN_LINES and found >= RELATED_FOUND_SHARE * len(rest):
            return [k for k in rest if kept[k] is not None]
    return []


@lru_cache(maxsize=8)
def _credit_patterns(credits: frozenset[str]) -> tuple[re.Pattern, re.Pattern]:
    names = "|".join(re.escape(c) for c in sorted(credits, key=len, reverse=True))
    start = re.compile(rf"(?:{names})\s+\S", re.IGNORECASE)
    # "... / AFP", "... Julian Finney/Getty Images", "... Foto: NTB", "... © Reuters"
    end = re.compile(rf"(?:[/|©:–—-]|\b(?:foto|photo|bild|imagem|image|kuva))\s*(?:{names})\s*$"
                     # "... on 18 December. (Xinhua/Jane Doe)", "(AP Photo/John Doe)": agency and photographer
                     rf"|\((?:{names})(?:\s+(?:photo|foto))?\s*/\s*[^()/]{{2,40}}\)\s*$", re.IGNORECASE)
    return start, end


def credit_caption(line: str, credits: frozenset[str]) -> bool:
    """A caption that names its picture source at an edge: "... / AFP", "... Julian Finney/Getty Images",
    "Getty Images Queen Elizabeth II. im Juni 2022", "... (Xinhua/Jane Doe)"."""
    text = line.strip()
    if not text or not credits or _words(text) > 60:
        return False
    start, end = _credit_patterns(credits)
    return bool(start.match(text) or end.search(text[-CREDIT_TAIL_CHARS:]))
