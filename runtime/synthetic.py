"""Synthetic inboxes for benchmarks: `newsetl bench generate N --out DIR`.

Stories are drawn first (actors, place, date, figure); each article retells one story in
one of ten languages for one outlet, with that outlet's boilerplate and a date header.
About 5% of the files are exact copies under another name (duplicates), and many stories
are told by several outlets in the same language (repeated wire copy). A seed makes the
corpus byte-for-byte reproducible. Templates: runtime/synthetic.toml.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

TEMPLATES = Path(__file__).with_name("synthetic.toml")


@dataclass
class Story:
    person: str
    city: str
    org: str
    n: int
    day: int
    month: int
    year: int
    topic: int
    role: int
    unit: int
    published: date


def _stories(rng: random.Random, count: int, data: dict) -> list[Story]:
    out = []
    for _ in range(count):
        published = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        event = published + timedelta(days=rng.randrange(3, 40))
        person = f"{rng.choice(data['given_names'])} {rng.choice(data['family_names'])}"
        out.append(Story(person, rng.choice(data["cities"]), rng.choice(data["orgs"]),
                         rng.choice([120, 850, 2500, 14000, 100000, 32500]), event.day, event.month, event.year,
                         rng.randrange(6), rng.randrange(4), rng.randrange(4), published))
    return out


def render_article(story: Story, lang: str, outlet: str, rng: random.Random, data: dict) -> str:
    spec = data["lang"][lang]
    slots = {"person": story.person, "city": story.city, "org": story.org, "n": f"{story.n:,}".replace(",", " "),
             "unit": spec["units"][story.unit], "day": story.day, "month": spec["months"][story.month - 1],
             "year": story.year, "topic": spec["topics"][story.topic], "role": spec["roles"][story.role],
             "agency": outlet, "n2": rng.randrange(100, 9999)}
    sentences = [s.format(**slots) for s in spec["sentences"]]
    body = [sentences[0]] + rng.sample(sentences[1:], k=len(sentences) - 1)
    top = [spec["headline"].format(**slots), ""] if rng.random() < 0.5 else []
    noise = [b.format(**slots) for b in rng.sample(spec["boilerplate"], k=min(2, len(spec["boilerplate"])))]
    lines = top + [body[0], "", *[p for s in body[1:] for p in (s, "")], *noise]
    return f" date {story.published.isoformat()} " + "\n".join(lines).strip() + "\n"


def generate(n: int, out: Path, seed: int = 0, duplicate_share: float = 0.05) -> dict[str, int]:
    """Write n .txt files under out/<outlet>/; returns counts (articles, duplicates, stories)."""
    data = tomllib.loads(TEMPLATES.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    languages = sorted(data["lang"])
    stories = _stories(rng, max(1, n // 8), data)
    written: list[Path] = []
    duplicates = 0
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        if written and rng.random() < duplicate_share:
            src = rng.choice(written)
            dest = out / "mirror" / f"copy-{i:07d}.txt"
            dest.parent.mkdir(exist_ok=True)
            dest.write_bytes(src.read_bytes())
            duplicates += 1
            continue
        story_no = rng.randrange(len(stories))
        lang = rng.choice(languages)
        outlet = rng.choice(data["agencies"])
        folder = out / outlet.lower()
        folder.mkdir(exist_ok=True)
        path = folder / f"{lang}-{story_no:05d}-{i:07d}.txt"
        path.write_text(render_article(stories[story_no], lang, outlet, rng, data), encoding="utf-8")
        written.append(path)
    return {"files": n, "duplicates": duplicates, "stories": len(stories)}
