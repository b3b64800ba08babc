"""Reading the data files under lexicons/ and ontology/: TSV with '#' comments and a header row."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_table(folder: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of `eventscope/<folder>/<name>` as dicts keyed by the header; missing cells are ''."""
    text = resources.files("eventscope").joinpath(folder, name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ValueError(f"{folder}/{name}: row has {len(cells)} cells for {len(header)} columns: {line!r}")
        cells += [""] * (len(header) - len(cells))
        rows.append({key: value.strip() for key, value in zip(header, cells)})
    return tuple(rows)
