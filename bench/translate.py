"""Translation throughput benchmark (not a test): stock argostranslate vs newsetl's stage vs raw CTranslate2.

Builds a Transformer-base model with random weights (6+6 layers, d_model 512, 8 heads, ffn 2048,
32k vocabulary, int8) as a real Argos package (SentencePiece trained on generated German text,
the CTranslate2 vocabulary padded to 32k, a MiniSBD splitter), installs it with newsetl's own
installer, generates ~50 German articles (~500 sentences), and measures on the same sentences,
with the same beam and the same decoding cap (ceil(1.5 x input pieces) + 8):

  (a) stock `argostranslate.translate.translate()` once per article (its defaults otherwise);
  (b) newsetl's `translate_articles` with an empty cache (splitting, batching, reassembly
      included; run in a fresh process so its peak RSS is the stage's own);
  (c) raw `translate_batch` on the pre-tokenized sentences, in the same length-sorted batches.

A random model never emits </s>, so every sentence decodes to the cap: the work is identical in
all three modes, and a real model would stop earlier (higher figures everywhere).

    .venv/bin/python bench/translate.py            # ~5 minutes on 2 cores
    .venv/bin/python bench/translate.py --articles 10 --sentences 10   # quick look
"""

from __future__ import annotations

import argparse
import atexit
import json
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

VOCAB_SIZE = 32000
D_MODEL, HEADS, FFN, LAYERS = 512, 8, 2048, 6
DECODING_RATIO, DECODING_EXTRA = 1.5, 8

# ---- generated German text ------------------------------------------------------------------

_NOUNS = {
    "der": "Minister Kanzler Bürgermeister Strompreis Verbrauch Winter Sommer Hafen Markt Vertrag Streit Bericht "
           "Sprecher Präsident Konzern Verband Richter Prozess Haushalt Export Import Zoll Wind Regen Sturm Zug "
           "Flughafen Bahnhof Verkehr Plan Vorschlag Gipfel Besuch Angriff Schaden Verlust Gewinn Anstieg Rückgang "
           "Kunde Händler Landwirt Fischer Lehrer Arzt Wähler Gegner Partner Nachbar Staat Bund Rat Senat".split(),
    "die": "Regierung Ministerin Kommission Polizei Feuerwehr Stadt Gemeinde Region Küste Grenze Wirtschaft "
           "Industrie Energie Versorgung Leitung Brücke Straße Schule Klinik Universität Studie Umfrage Wahl "
           "Partei Opposition Mehrheit Debatte Entscheidung Einigung Krise Inflation Steuer Rente Miete Preiserhöhung "
           "Behörde Agentur Zeitung Nachricht Meldung Woche Nacht Saison Mannschaft Fabrik Anlage Quote Flotte".split(),
    "das": "Parlament Gericht Ministerium Unternehmen Kraftwerk Netz Kabel Land Dorf Team Spiel Turnier Ergebnis "
           "Urteil Gesetz Budget Angebot Projekt Programm Wetter Eis Meer Schiff Boot Auto Gas Öl Wasser Holz "
           "Krankenhaus Museum Theater Rathaus Stadion Werk Lager Büro Amt".split(),
}
_ADJECTIVES = ("neue alte große kleine hohe niedrige starke schwache lange kurze schnelle langsame teure billige "
               "wichtige schwierige öffentliche private nationale regionale lokale europäische deutsche norwegische "
               "französische spanische kalte warme nasse trockene erste letzte nächste frühere spätere offene "
               "geschlossene heftige ruhige klare unklare mögliche sichere unsichere").split()
_VERBS = ("meldet berichtet erklärt fordert plant prüft kritisiert erwartet bestätigt verschiebt beschließt "
          "unterstützt verhindert erreicht verliert gewinnt senkt erhöht bietet zeigt nennt sucht baut schließt "
          "öffnet startet beendet verlangt warnt lobt").split()
_ADVERBS = ("heute gestern morgen bereits noch wieder erneut kaum deutlich stark leicht schnell langsam offenbar "
            "vorerst zunächst inzwischen weiterhin ebenfalls jedoch trotzdem allerdings dennoch zuletzt").split()
_PLACES = ("Oslo Bergen Berlin Hamburg München Köln Paris Lyon Madrid Sevilla Valencia Rom Mailand Brüssel Wien "
           "Zürich Stockholm Kopenhagen Helsinki Stavanger Trondheim Bilbao Santander Nantes Brest").split()
_PEOPLE = ("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hansen Johansen Olsen Larsen Dupont "
           "Martin García López Rossi Bianchi Ekeberg Aasland Støre Haugen").split()
_PREPOSITIONS = ("in nach bei mit ohne gegen für über unter vor hinter neben zwischen während wegen trotz").split()
_CONNECTORS = ("und aber weil obwohl während nachdem sodass denn doch").split()


def _noun_phrase(rng: random.Random) -> str:
    article = rng.choice(list(_NOUNS))
    noun = rng.choice(_NOUNS[article])
    if rng.random() < 0.35:  # German compounds make the vocabulary grow as real text does
        head = rng.choice(_NOUNS[rng.choice(list(_NOUNS))])
        noun = head + noun.lower()
    if rng.random() < 0.5:
        return f"{article} {rng.choice(_ADJECTIVES)} {noun}"
    return f"{article} {noun}"


def _clause(rng: random.Random) -> str:
    parts = [_noun_phrase(rng), rng.choice(_VERBS)]
    if rng.random() < 0.7:
        parts.append(rng.choice(_ADVERBS))
    parts.append(_noun_phrase(rng))
    if rng.random() < 0.8:
        parts += [rng.choice(_PREPOSITIONS), rng.choice(_PLACES) if rng.random() < 0.5 else _noun_phrase(rng)]
    if rng.random() < 0.2:
        parts.append(f"im Jahr {rng.randint(1990, 2030)}")
    if rng.random() < 0.2:
        parts.append(f"um {rng.randint(2, 95)},{rng.randint(0, 9)} Prozent")
    return " ".join(parts)


def german_sentence(rng: random.Random) -> str:
    text = _clause(rng)
    if rng.random() < 0.4:
        text += f", {rng.choice(_CONNECTORS)} {_clause(rng)}"
    if rng.random() < 0.2:
        text += f", sagte {rng.choice(_PEOPLE)} in {rng.choice(_PLACES)}"
    text = text[0].upper() + text[1:]
    return text + rng.choice(".....!?")


def generate_articles(n_articles: int, sentences_per_article: int, seed: int = 2025) -> list[dict]:
    """Distinct German articles: paragraphs of 2-4 sentences, no sentence repeated anywhere."""
    rng = random.Random(seed)
    seen: set[str] = set()
    articles = []
    for a in range(n_articles):
        sentences = []
        while len(sentences) < sentences_per_article:
            s = german_sentence(rng)
            if s not in seen:
                seen.add(s)
                sentences.append(s)
        paragraphs, i = [], 0
        while i < len(sentences):
            k = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[i:i + k]))
            i += k
        articles.append({"article_id": f"bench{a:03d}", "lang": "de", "text_clean": "\n\n".join(paragraphs)})
    return articles


# ---- the random Transformer-base package ----------------------------------------------------

def train_sentencepiece(lines: list[str], vocab_size: int) -> bytes:
    import io

    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=buffer, vocab_size=vocab_size,
                                   model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
                                   num_threads=2, minloglevel=2)
    return buffer.getvalue()


def save_random_transformer(vocabulary: list[str], model_dir: Path, seed: int = 11) -> None:
    """Transformer-base (OpenNMT layout: pre-norm, sinusoidal positions), random weights, int8."""
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)

    def dense(linear, rows: int, cols: int) -> None:
        linear.weight = (rng.standard_normal((rows, cols), dtype=np.float32) / math.sqrt(cols)).astype(np.float32)
        linear.bias = np.zeros(rows, np.float32)

    def norm(layer) -> None:
        layer.gamma = np.ones(D_MODEL, np.float32)
        layer.beta = np.zeros(D_MODEL, np.float32)

    spec = transformer_spec.TransformerSpec.from_config((LAYERS, LAYERS), num_heads=HEADS, pre_norm=True)
    vocab = len(vocabulary)
    spec.encoder.embeddings[0].weight = rng.standard_normal((vocab, D_MODEL), dtype=np.float32) * 0.1
    spec.decoder.embeddings.weight = rng.standard_normal((vocab, D_MODEL), dtype=np.float32) * 0.1
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    for layer in list(spec.encoder.layer) + list(spec.decoder.layer):
        norm(layer.self_attention.layer_norm)
        dense(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        dense(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        norm(layer.ffn.layer_norm)
        dense(layer.ffn.linear_0, FFN, D_MODEL)
        dense(layer.ffn.linear_1, D_MODEL, FFN)
    for layer in spec.decoder.layer:
        norm(layer.attention.layer_norm)
        dense(layer.attention.linear[0], D_MODEL, D_MODEL)
        dense(layer.attention.linear[1], 2 * D_MODEL, D_MODEL)
        dense(layer.attention.linear[2], D_MODEL, D_MODEL)
    dense(spec.decoder.projection, vocab, D_MODEL)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))


def build_package(work: Path, training_lines: list[str]) -> tuple[Path, dict]:
    import sentencepiece as spm

    from tests.argos_tiny import write_minisbd_model

    package = work / "src" / "translate-de_en-9_0"
    package.mkdir(parents=True)
    sp_bytes = train_sentencepiece(training_lines, VOCAB_SIZE)
    (package / "sentencepiece.model").write_bytes(sp_bytes)
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocabulary = pieces + [f"<extra_{i}>" for i in range(VOCAB_SIZE - len(pieces))]  # CT2 vocab: exactly 32k
    save_random_transformer(vocabulary, package / "model")
    write_minisbd_model(package / "minisbd" / "de.onnx", "de")
    (package / "metadata.json").write_text(json.dumps({
        "package_version": "9.0", "argos_version": "1.9.0", "from_code": "de", "from_name": "German",
        "to_code": "en", "to_name": "English"}), encoding="utf-8")
    archive = work / "translate-de_en-9_0.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for path in sorted(package.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(package.parent))
    return archive, {"sentencepiece_vocab": len(pieces), "ct2_vocab": len(vocabulary),
                     "archive_mb": archive.stat().st_size / 1e6}


# ---- measurements ---------------------------------------------------------------------------

def _rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stage_only(articles_file: Path, packages: Path, beam: int, batch: int) -> None:
    """Child process: newsetl's stage on the articles; prints one JSON line."""
    from tasks.translate import TranslationCache, Translator, translate_articles

    articles = json.loads(articles_file.read_text(encoding="utf-8"))
    rss_start = _rss_mb()
    translator = Translator(packages, beam_size=beam, max_batch_size=batch)
    package = translator.route("de")[0]
    translator.model(package)  # load once, outside the timing (the flow pays this once per process)
    translator.translate_sentences(package, ["Warm up, bitte."])
    rss_loaded = _rss_mb()
    cache = TranslationCache()
    t0, c0 = time.perf_counter(), time.process_time()
    out, stats = translate_articles(articles, translator, cache)
    cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    _, warm_stats = translate_articles(articles, translator, cache)
    warm = time.perf_counter() - t0
    print(json.dumps({
        "seconds": cold, "cpu": cold_cpu, "sentences": stats.sentences, "to_model": stats.sentences_to_model,
        "statuses": dict(stats.statuses), "warm_seconds": warm, "warm_to_model": warm_stats.sentences_to_model,
        "rss_start_mb": rss_start, "rss_loaded_mb": rss_loaded,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


class CappedTranslator:
    """Wraps the ctranslate2.Translator argostranslate creates: each sentence gets the same decoding
    cap as in newsetl (argostranslate passes none, so the default 256 would apply). argostranslate
    batches by 32 tokens, i.e. one sentence per batch for these sentences, so calling CTranslate2
    per sentence here does the same work it would."""

    def __init__(self, inner):
        self.inner = inner

    def translate_batch(self, source, target_prefix=None, **options):
        results = []
        for i, tokens in enumerate(source):
            cap = math.ceil(DECODING_RATIO * len(tokens)) + DECODING_EXTRA
            prefix = [target_prefix[i]] if target_prefix else None
            results += self.inner.translate_batch([tokens], prefix, max_decoding_length=cap, **options)
        return results


class RawTranslator:
    """(c): CTranslate2 alone on pre-tokenized sentences, same threads, batches, caps and options as (b)."""

    def __init__(self, package_dir: Path, token_lists: list[list[str]], beam: int, batch: int):
        import ctranslate2

        self.translator = ctranslate2.Translator(str(package_dir / "model"), device="cpu", inter_threads=2,
                                                 intra_threads=1)
        self.translator.translate_batch([token_lists[0]], beam_size=beam, max_decoding_length=4)  # warm up
        self.tokens, self.beam, self.batch = token_lists, beam, batch

    def sorted_batches(self) -> tuple[float, float]:
        order = sorted(range(len(self.tokens)), key=lambda i: len(self.tokens[i]))
        t0, c0 = time.perf_counter(), time.process_time()
        pending = []
        for start in range(0, len(order), self.batch):
            chunk = [self.tokens[i] for i in order[start:start + self.batch]]
            cap = math.ceil(DECODING_RATIO * max(map(len, chunk))) + DECODING_EXTRA
            pending += self.translator.translate_batch(chunk, max_batch_size=len(chunk), beam_size=self.beam,
                                                       asynchronous=True, max_input_length=0, max_decoding_length=cap,
                                                       replace_unknowns=True)
        for result in pending:
            result.result()
        return time.perf_counter() - t0, time.process_time() - c0

    def one_call(self) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        cap = math.ceil(DECODING_RATIO * max(map(len, self.tokens))) + DECODING_EXTRA
        self.translator.translate_batch(self.tokens, max_batch_size=self.batch, beam_size=self.beam,
                                        max_input_length=0, max_decoding_length=cap, replace_unknowns=True)
        return time.perf_counter() - t0, time.process_time() - c0


class StockArgos:
    """(a): argostranslate.translate.translate() per article (its settings were fixed before import)."""

    def __init__(self, beam: int):
        import argostranslate.settings
        import argostranslate.translate

        assert argostranslate.settings.beam_size == beam
        self.translate = argostranslate.translate.translate
        translation = argostranslate.translate.get_translation_from_codes("de", "en")
        translation.translate("Warm up, bitte.")  # creates the ctranslate2.Translator and loads MiniSBD
        translation.underlying.translator = CappedTranslator(translation.underlying.translator)

    def run(self, articles: list[dict]) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        for article in articles:
            self.translate(article["text_clean"], "de", "en")
        return time.perf_counter() - t0, time.process_time() - c0


def run_stage_process(articles_file: Path, packages: Path, beam: int, batch: int) -> dict:
    child = subprocess.run([sys.executable, __file__, "--stage-only", str(articles_file), str(packages),
                            "--beam", str(beam), "--batch", str(batch)],
                           capture_output=True, text=True, cwd=REPO, env=os.environ.copy())
    if child.returncode != 0:
        sys.exit(f"stage run failed:\n{child.stderr}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--sentences", type=int, default=10, help="sentences per article")
    ap.add_argument("--beam", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32, help="max_batch_size (sentences) for (b) and (c)")
    ap.add_argument("--rounds", type=int, default=2,
                    help="(b) and (c) run once per round, (a) on 1/rounds of the articles per round, interleaved, "
                         "so load from other processes hits all three alike")
    ap.add_argument("--skip-stock", action="store_true", help="skip (a), the slow one")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (package, articles) afterwards")
    ap.add_argument("--stage-only", nargs=2, metavar=("ARTICLES_JSON", "PACKAGES_DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage_only:
        stage_only(Path(args.stage_only[0]), Path(args.stage_only[1]), args.beam, args.batch)
        return

    t_start = time.perf_counter()
    load_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-translate-"))
    if not args.keep:
        atexit.register(shutil.rmtree, work, ignore_errors=True)
    # argostranslate reads these once, at import: set them first (the stock path imports it later).
    os.environ.update({
        "ARGOS_PACKAGES_DIR": str(work / "packages"), "ARGOS_DEVICE_TYPE": "cpu", "ARGOS_BEAM_SIZE": str(args.beam),
        "XDG_DATA_HOME": str(work / "xdg-data"), "XDG_CONFIG_HOME": str(work / "xdg-config"),
        "XDG_CACHE_HOME": str(work / "xdg-cache"),
    })
    from runtime import models
    from tasks.translate import Translator

    articles = generate_articles(args.articles, args.sentences)
    training = [german_sentence(random.Random(seed)) for seed in range(40000)]
    t0 = time.perf_counter()
    archive, info = build_package(work, training)
    build_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    installed = models.install_from_file(archive, work / "packages")
    install_seconds = time.perf_counter() - t0
    print(f"built {archive.name} ({info['archive_mb']:.0f} MB, SentencePiece vocab {info['sentencepiece_vocab']}, "
          f"CTranslate2 vocab {info['ct2_vocab']}) in {build_seconds:.1f}s; validated and installed in "
          f"{install_seconds:.1f}s", flush=True)
    articles_file = work / "articles.json"
    articles_file.write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")

    # The exact sentences newsetl sends to the model, tokenized once for (c).
    splitter = Translator(work / "packages")
    paragraphs = [p for a in articles for p in a["text_clean"].split("\n\n")]
    sentences = [s for group in splitter.split(installed, paragraphs) for s in group]
    token_lists = splitter.model(installed).encode(sentences)
    lengths = [len(t) for t in token_lists]
    n = len(sentences)
    raw = RawTranslator(installed.path, token_lists, args.beam, args.batch)
    stock = None if args.skip_stock else StockArgos(args.beam)

    timings: dict[str, list[tuple[float, float]]] = {"a": [], "b": [], "c": [], "c1": [], "b_warm": []}
    stages = []
    share = math.ceil(len(articles) / args.rounds)
    for r in range(args.rounds):
        timings["c"].append(raw.sorted_batches())
        stage = run_stage_process(articles_file, work / "packages", args.beam, args.batch)
        assert n == stage["sentences"] == stage["to_model"] and stage["warm_to_model"] == 0, (n, stage)
        stages.append(stage)
        timings["b"].append((stage["seconds"], stage["cpu"]))
        timings["b_warm"].append((stage["warm_seconds"], float("nan")))
        if stock is not None:
            timings["a"].append(stock.run(articles[r * share:(r + 1) * share]))
        print(f"round {r + 1}/{args.rounds}: (c) {timings['c'][-1][0]:.1f}s, (b) {stage['seconds']:.1f}s"
              + (f", (a) on {len(articles[r * share:(r + 1) * share])} articles {timings['a'][-1][0]:.1f}s"
                 if stock else ""), flush=True)
    timings["c1"].append(raw.one_call())
    load_end = os.getloadavg()

    def per_run(key: str) -> tuple[float, float] | None:
        """Seconds (wall, CPU) for all n sentences: mean over rounds; (a) is the sum of its parts."""
        values = timings[key]
        if not values:
            return None
        if key == "a":
            return sum(v[0] for v in values), sum(v[1] for v in values)
        return statistics.mean(v[0] for v in values), statistics.mean(v[1] for v in values)

    rate = {k: n / per_run(k)[0] for k in timings if per_run(k)}
    rows = [
        ("a", "(a) stock `argostranslate.translate.translate()` per article"),
        ("b", "(b) newsetl `translate_articles`, cold cache"),
        ("c", "(c) raw `translate_batch`, same sorted batches and caps"),
        ("c1", "(c1) raw `translate_batch`, one call, one cap for all (reference)"),
        ("b_warm", "(b') newsetl `translate_articles` re-run, warm cache (0 sentences to the model)"),
    ]
    print()
    print(f"Random-weight Transformer-base (6+6 layers, d_model {D_MODEL}, {HEADS} heads, ffn {FFN}, "
          f"vocab {VOCAB_SIZE}, int8), {len(articles)} articles, {n} sentences of "
          f"{min(lengths)}-{max(lengths)} pieces (mean {statistics.mean(lengths):.1f}), beam {args.beam}, "
          f"decoding cap ceil({DECODING_RATIO} x input pieces) + {DECODING_EXTRA}, {os.cpu_count()} cores, "
          f"{args.rounds} interleaved rounds.")
    print()
    print("| mode | wall s | CPU s | sentences/s | vs (a) | vs (c) |")
    print("|---|---:|---:|---:|---:|---:|")
    for key, label in rows:
        measured = per_run(key)
        if measured is None:
            print(f"| {label} | skipped | | | | |")
            continue
        wall, cpu = measured
        if key == "b_warm":  # not a throughput comparison: the model is not used at all
            print(f"| {label} | {wall:.2f} | | {rate[key]:.0f} | | |")
            continue
        vs_a = f"{rate[key] / rate['a']:.1f}x" if "a" in rate else ""
        print(f"| {label} | {wall:.1f} | {cpu:.1f} | {rate[key]:.1f} | {vs_a} | {rate[key] / rate['c']:.0%} |")
    print()
    peak = max(s["peak_rss_mb"] for s in stages)
    print(f"Peak RSS of the stage process: {peak:.0f} MB (after imports {stages[0]['rss_start_mb']:.0f} MB, "
          f"after loading the model {stages[0]['rss_loaded_mb']:.0f} MB).")
    if "a" in rate:
        print(f"Targets: (b) >= 10x (a): {rate['b'] / rate['a']:.1f}x "
              f"{'met' if rate['b'] >= 10 * rate['a'] else 'NOT met'}; "
              f"(b) >= 80% of (c): {rate['b'] / rate['c']:.0%} {'met' if rate['b'] >= 0.8 * rate['c'] else 'NOT met'}.")
    print(f"Threads: (a) argostranslate's defaults (inter_threads 1, intra_threads 0 = all cores, token batches of "
          f"32, length_penalty 0.2), each sentence capped as above through a wrapper; (b), (c) inter_threads 2, "
          f"intra_threads 1, {args.batch} sentences per batch. Load average (1 min) {load_start[0]:.2f} at start, "
          f"{load_end[0]:.2f} at end. Total benchmark time {time.perf_counter() - t_start:.0f}s.")


if __name__ == "__main__":
    main()
