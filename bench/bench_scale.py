"""How eventscope scales: with the store's size, with a report's length, with the input's size.

Usage: python bench/bench_scale.py [--part growth|length|memory|all] [--reports 20000]
       [--memory-small 10000] [--memory-large 100000]

growth  ingest of --reports one-sentence reports into one store, in chunks of 2,000, through
        the library path `eventscope ingest` takes (one Extractor, Store.has / Store.add);
        documents per second for each chunk, and the last chunk's rate over the first's.
        The reports are written here from templates: many kinds of event in 60 towns of 20
        countries, published over --days days (240: as a wire service's output is; a few
        days: a burst, where the events that can match one another legitimately pile up).
length  one report of 25,000, 100,000 and 250,000 characters (Voice of America stories from
        ../shared/corpora/voa joined, else the bundled examples), coded by the Extractor and
        parsed by bare spaCy, each the best of --repeat runs; microseconds per character of
        each, and the largest over the smallest per-character time (1.0 = linear).
memory  peak resident memory of `eventscope ingest --workers 1` over --memory-small and
        --memory-large one-sentence reports in one JSON Lines file, each into a new store,
        both as dense in time as the growth part's (a larger archive spans more days); the
        ratio of the two (1.0 = memory does not grow with the input).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "corpora" / "voa" / "voa_stories.jsonl"
CHUNK = 2_000

TOWNS = {
    "NGA": ["Maiduguri", "Kano", "Zaria", "Jos", "Makurdi", "Sokoto"], "MLI": ["Gao", "Mopti", "Kidal"],
    "BFA": ["Djibo", "Kaya", "Dori"], "NER": ["Agadez", "Diffa", "Tillaberi"], "SOM": ["Baidoa", "Kismayo", "Beledweyne"],
    "ETH": ["Gondar", "Dessie", "Mekelle"], "SDN": ["El Fasher", "Nyala", "Kassala"], "COD": ["Beni", "Bunia", "Goma"],
    "CMR": ["Bamenda", "Buea", "Maroua"], "KEN": ["Garissa", "Lamu", "Mandera"], "SYR": ["Idlib", "Deir ez-Zor", "Daraa"],
    "IRQ": ["Mosul", "Kirkuk", "Tikrit"], "YEM": ["Taiz", "Marib", "Hodeidah"], "AFG": ["Kunduz", "Herat", "Jalalabad"],
    "PAK": ["Quetta", "Peshawar", "Bannu"], "MMR": ["Myitkyina", "Sittwe", "Lashio"], "COL": ["Cucuta", "Tumaco", "Arauca"],
    "MEX": ["Culiacan", "Uruapan", "Reynosa"], "UKR": ["Kherson", "Sumy", "Kramatorsk"], "PHL": ["Marawi", "Cotabato", "Jolo"],
}
TEMPLATES = [
    "Gunmen killed {n} villagers in {town} on {day}, police said.",
    "An air strike hit a market in {town} on {day}, killing {n} people.",
    "Police arrested {n} protesters in {town} on {day}.",
    "Thousands of people marched through {town} on {day} to demand higher wages.",
    "A roadside bomb wounded {n} soldiers near {town} on {day}.",
    "Militants abducted {n} students from a school in {town} on {day}.",
    "Security forces fired tear gas at demonstrators in {town} on {day}.",
    "Rebels and troops clashed outside {town} on {day}, leaving {n} dead.",
    "The governor met community leaders in {town} on {day} to discuss the violence.",
    "Shelling destroyed {n} homes in {town} on {day}, residents said.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def one_sentence_reports(count: int, days: int = 240, seed: int = 2024):
    """(doc_id, publication date, text) of `count` short reports spread over `days` days."""
    rng = random.Random(seed)
    towns = [town for names in TOWNS.values() for town in names]
    start = date(2023, 1, 1)
    for number in range(count):
        published = start + timedelta(days=number * days // count)
        event_day = published - timedelta(days=rng.randrange(3))
        text = rng.choice(TEMPLATES).format(n=rng.randrange(2, 40), town=rng.choice(towns),
                                            day=WEEKDAYS[event_day.weekday()])
        yield f"wire-{number}", published, f"{text} ({number})"


def growth(reports: int, days: int) -> None:
    from eventscope.extract.pipeline import Extractor
    from eventscope.model import Document
    from eventscope.store import Store

    extractor = Extractor()
    rates, store_ms = [], []
    with tempfile.TemporaryDirectory() as work, Store(Path(work) / "growth.db") as store:
        items = list(one_sentence_reports(reports, days))
        for first in range(0, len(items), CHUNK):
            chunk = [Document(doc_id, text, published) for doc_id, published, text in items[first:first + CHUNK]]
            started = time.perf_counter()
            storing = 0.0
            fresh = (d for d in chunk if not store.has(d))
            for document in extractor.extract(fresh):
                before = time.perf_counter()
                store.add(document)
                storing += time.perf_counter() - before
            seconds = time.perf_counter() - started
            rates.append(len(chunk) / seconds)
            store_ms.append(storing / len(chunk) * 1000)
            documents, events = store.counts()
            print(f"  reports {first + 1:>6}-{first + len(chunk):<6} {rates[-1]:7.1f} docs/s   "
                  f"storing and clustering {store_ms[-1]:5.2f} ms/doc   "
                  f"store: {documents} documents, {events} events", flush=True)
    print(f"growth: first {CHUNK} at {rates[0]:.1f} docs/s, last {CHUNK} at {rates[-1]:.1f} docs/s, "
          f"ratio last/first {rates[-1] / rates[0]:.2f}; storing and clustering {store_ms[0]:.2f} then "
          f"{store_ms[-1]:.2f} ms/doc")


def long_text(characters: int) -> tuple[str, str]:
    if VOA.exists():
        stories = [json.loads(line)["text"] for line in VOA.open(encoding="utf-8")]
        source = "Voice of America stories (../shared/corpora/voa)"
    else:
        stories = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted((ROOT / "examples").glob("*.txt"))]
        source = "examples/ (../shared/corpora is absent)"
    text = ""
    while len(text) < characters:
        text += "\n\n".join(stories) + "\n\n"
    cut = text.rfind(". ", 0, characters)
    return text[:cut + 1], source


def length(repeat: int) -> None:
    import spacy

    from eventscope.extract.pipeline import Extractor
    from eventscope.model import Document
    from eventscope.nlp import MODEL_PACKAGE

    bare = spacy.load(MODEL_PACKAGE)
    bare.max_length = 2_000_000
    extractor = Extractor()
    list(extractor.extract([Document("warm", long_text(5_000)[0], date(2025, 3, 14))]))
    rows = []
    for size in (25_000, 100_000, 250_000):
        text, source = long_text(size)
        bare_s = seconds = float("inf")
        for _ in range(repeat):  # the best of a few runs: one run of a second is noisy
            started = time.perf_counter()
            bare(text)
            bare_s = min(bare_s, time.perf_counter() - started)
            started = time.perf_counter()
            [coded] = extractor.extract([Document(f"long-{size}", text, date(2025, 3, 14))])
            seconds = min(seconds, time.perf_counter() - started)
        rows.append((len(text), seconds, bare_s, len(coded.events)))
    print(f"texts: {source}")
    print(f"{'characters':>11}{'seconds':>9}{'us/char':>9}{'bare s':>8}{'bare us/char':>13}{'events':>8}")
    for size, seconds, bare_s, events in rows:
        print(f"{size:11,}{seconds:9.2f}{seconds / size * 1e6:9.1f}{bare_s:8.2f}{bare_s / size * 1e6:13.1f}{events:8}")
    per_char = [seconds / size for size, seconds, _, _ in rows]
    print(f"length: time per character, largest / smallest: {max(per_char) / min(per_char):.2f}")


def memory(small: int, large: int) -> None:
    command = str(Path(sys.executable).with_name("eventscope"))
    peaks = {}
    with tempfile.TemporaryDirectory() as work:
        for count in (small, large):
            batch = Path(work) / f"reports-{count}.jsonl"
            with batch.open("w", encoding="utf-8") as handle:
                # as many reports a day as the growth part has: a larger archive spans more days
                for doc_id, published, text in one_sentence_reports(count, days=max(1, count * 240 // 20_000)):
                    handle.write(json.dumps({"doc_id": doc_id, "date": published.isoformat(), "text": text}) + "\n")
            started = time.perf_counter()
            process = subprocess.Popen([command, "ingest", str(batch), "--db", str(Path(work) / f"{count}.db")],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            peaks[count] = usage.ru_maxrss / 1024
            print(f"  {count:>7} reports: {time.perf_counter() - started:7.1f} s, peak memory {peaks[count]:.0f} MB "
                  f"(exit status {os.waitstatus_to_exitcode(status)})", flush=True)
    print(f"memory: peak over {large} reports / over {small}: {peaks[large] / peaks[small]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["growth", "length", "memory", "all"], default="all")
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=240, help="days the growth part's reports are spread over")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each length part, the best kept")
    parser.add_argument("--memory-small", type=int, default=10_000)
    parser.add_argument("--memory-large", type=int, default=100_000)
    args = parser.parse_args()
    if args.part in ("length", "all"):
        length(args.repeat)
    if args.part in ("growth", "all"):
        growth(args.reports, args.days)
    if args.part in ("memory", "all"):
        memory(args.memory_small, args.memory_large)


if __name__ == "__main__":
    main()
