"""Loading GeoNames dumps in their own formats, then finding a village the default index lacks."""

import zipfile
from datetime import date

from eventscope.gazetteer import Gazetteer
from eventscope.gazetteer.load import load
from eventscope.model import Document

# A made-up village, in the real 19-column GeoNames format, and a malformed row.
VILLAGE = "\t".join([
    "99000001", "Tall Zaytuna", "Tall Zaytuna", "Tell Zeitouneh,Tall Zaytunah", "35.71", "36.55", "P", "PPL",
    "SY", "", "12", "", "", "", "350", "", "310", "Asia/Damascus", "2024-01-01",
])
STREAM = VILLAGE.replace("99000001", "99000002").replace("Tall Zaytuna", "Wadi Zaytuna").replace("\tP\tPPL\t", "\tH\tSTM\t")
BAD = "99000003\tToo few columns"


def test_dump_rows_are_loaded_counted_and_resumable(index, tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join([VILLAGE, STREAM, BAD]) + "\n", encoding="utf-8")
    report = load(index, dump)
    assert (report.loaded, report.skipped, report.bad) == (1, 1, 1)
    assert "line 3" in str(report)
    again = load(index, dump)  # the same file again: nothing to do
    assert again.loaded == 0 and again.rows == 3
    records = Gazetteer(index).lookup("Tell Zeitouneh")
    assert [(r.name, r.country, r.feature_code, r.precision) for r in records] == [
        ("Tall Zaytuna", "SYR", "PPL", "town")]


def test_zipped_dump_and_admin_names(index, tmp_path):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("SY.txt", VILLAGE + "\n")
        handle.writestr("readme.txt", "not a table")
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("SY.12\tIdlib Governorate\tIdlib Governorate\t169387\n", encoding="utf-8")
    assert load(index, archive).loaded == 1
    assert load(index, admin1).loaded >= 1
    [village] = Gazetteer(index).lookup("Tall Zaytuna")
    assert village.admin1 == "Idlib Governorate"


def test_a_loaded_village_becomes_an_event_place(index, tmp_path, extractor):
    from eventscope.extract.pipeline import Extractor

    before = Gazetteer(index).lookup("Tall Zaytuna")
    assert before == ()  # the default index does not know it
    dump = tmp_path / "SY.txt"
    dump.write_text(VILLAGE + "\n", encoding="utf-8")
    load(index, dump)
    coder = Extractor(nlp=extractor.nlp, gazetteer=Gazetteer(index))
    text = "An airstrike hit the village of Tall Zaytuna in Idlib province in Syria on Monday, killing four people."
    [document] = list(coder.extract([Document("t", text, date(2024, 3, 5))]))
    [strike] = [e for e in document.events if e.type == "ASSAULT"]
    place = strike.location
    assert (place.name, place.precision, place.country) == ("Tall Zaytuna", "town", "SYR")
    assert (place.lat, place.lon) == (35.71, 36.55)


def test_a_new_index_names_the_older_ones_it_leaves_unused(tmp_path, capsys):
    from eventscope.gazetteer import _mention_unused

    (tmp_path / "gazetteer-v3-aaaa.sqlite").write_bytes(b"x" * 2_000_000)
    current = tmp_path / "gazetteer-v12-bbbb.sqlite"
    current.write_bytes(b"")
    _mention_unused(current)
    message = capsys.readouterr().err
    assert "gazetteer-v3-aaaa.sqlite" in message and "2 MB" in message
    assert (tmp_path / "gazetteer-v3-aaaa.sqlite").exists()  # named, never deleted
