"""GeoNames dumps with bad rows and broken files: rows counted and skipped, files refused
with a message (issue 13, defect 12)."""

import zipfile

import pytest
from click.testing import CliRunner

from eventscope.cli import main
from eventscope.gazetteer import Gazetteer
from eventscope.gazetteer.load import UnreadableDump, load


def _row(geonameid: str, name: str, lat: str, lon: str) -> str:
    return "\t".join([geonameid, name, name, "", lat, lon, "P", "PPL", "SY", "", "12", "", "", "", "120", "",
                      "300", "Asia/Damascus", "2024-01-01"])


def test_rows_with_impossible_ids_or_coordinates_are_counted_and_skipped(index, tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join([
        _row("99100001", "Khirbat Ramadi", "35.52", "36.61"),
        _row("92233720368547758070", "Overflowing Id", "35.5", "36.6"),
        _row("99100002", "Nowhere Nan", "nan", "36.6"),
        _row("99100003", "Nowhere Inf", "35.5", "inf"),
        _row("99100004", "Nowhere North", "135.5", "36.6"),
        _row("99100005", "Khirbat Sumaq", "35.61", "36.70"),
    ]) + "\n", encoding="utf-8")
    report = load(index, dump)
    assert (report.loaded, report.bad) == (2, 4)
    assert "out of range" in str(report) and "not a coordinate" in str(report)
    gazetteer = Gazetteer(index)
    assert gazetteer.lookup("Khirbat Sumaq") and not gazetteer.lookup("Nowhere Inf")


def test_a_damaged_zip_is_a_clear_error(index, tmp_path):
    archive = tmp_path / "SY.zip"
    rows = "\n".join(_row(str(99200000 + n), f"Qaryat Test {n}", "35.5", "36.6") for n in range(3000))
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("SY.txt", rows)
    data = bytearray(archive.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)  # a damaged stretch inside the compressed table
    archive.write_bytes(bytes(data))
    with pytest.raises(UnreadableDump, match="cut short or damaged"):
        load(index, archive)


def test_the_command_reports_a_truncated_zip_and_exits_1(tmp_path):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("SY.txt", _row("99300001", "Tall Qasr", "35.5", "36.6"))
    archive.write_bytes(archive.read_bytes()[:40])  # the download stopped early
    result = CliRunner().invoke(main, ["gazetteer", "load", str(archive)])
    assert result.exit_code == 1
    assert "not a readable zip archive" in result.stderr and "Traceback" not in result.output
