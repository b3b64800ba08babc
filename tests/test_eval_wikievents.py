"""`eventscope eval wikievents`: KAIROS types mapped to PLOVER by a data file, predictions
matched to gold mentions by trigger and by sentence (issue 14, item 7). The document here is
written for the test in WikiEvents' shape."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventscope.cli import main
from eventscope.eval.wikievents import read_documents, score
from eventscope.model import Document, Event, Evidence


def _wiki_document(path):
    sentences = ["Gunmen attacked a bus near Garissa and killed nine passengers .",
                 "Police later arrested two suspects ."]
    tokens, offset, shaped = [], 0, []
    text = " ".join(sentences)
    for sentence in sentences:
        words = []
        for word in sentence.split():
            start = text.index(word, offset)
            words.append([word, start, start + len(word)])
            offset = start + len(word)
        shaped.append([words, sentence])
        tokens += words
    index = [t[0] for t in tokens]

    def mention(kind, word, sentence):
        at = index.index(word)
        return {"id": word, "event_type": kind, "trigger": {"start": at, "end": at + 1, "text": word,
                                                            "sent_idx": sentence}, "arguments": []}

    record = {"doc_id": "bus-attack", "tokens": index, "text": text, "sentences": shaped, "entity_mentions": [],
              "relation_mentions": [],
              "event_mentions": [mention("Conflict.Attack.FirearmAttack", "attacked", 0),
                                 mention("Life.Die.Unspecified", "killed", 0),
                                 mention("Justice.ArrestJailDetain.Unspecified", "arrested", 1),
                                 mention("Contact.Contact.Broadcast", "Police", 1)]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_kairos_types_are_mapped_by_their_longest_prefix_and_unmapped_ones_left_out(tmp_path):
    [document] = read_documents(_wiki_document(tmp_path / "wiki.jsonl"))
    assert [(m.type, document.text[m.start:m.end], m.sentence) for m in document.mentions] == [
        ("ASSAULT", "attacked", 0), ("ASSAULT", "killed", 0), ("COERCE", "arrested", 1)]


def test_a_merged_event_matches_by_sentence_and_only_its_own_trigger_by_trigger(tmp_path):
    [wiki] = read_documents(_wiki_document(tmp_path / "wiki.jsonl"))
    at = wiki.text.index("attacked")
    attack = Event(type="ASSAULT", trigger="attacked", sentence="",
                   evidence={"type": Evidence(at, at + 8, "attacked", "test")})
    at = wiki.text.index("Police")
    wrong = Event(type="PROTEST", trigger="Police", sentence="", evidence={"type": Evidence(at, at + 6, "x", "t")})
    result = score([wiki], {"bus-attack": Document("bus-attack", wiki.text, events=[attack, wrong])})
    assert result.by_trigger.scores() == (0.5, 1 / 3, 0.4)
    assert result.by_sentence.scores("ASSAULT") == (1.0, 1.0, 1.0)  # "killed" is in the attack's sentence
    assert result.by_sentence.scores("COERCE")[1] == 0.0


def test_the_command_codes_the_documents_and_prints_the_table(tmp_path):
    result = CliRunner().invoke(main, ["eval", "wikievents", str(_wiki_document(tmp_path / "wiki.jsonl"))])
    assert result.exit_code == 0, result.output
    assert "(1 documents, 3 event mentions of mapped types)" in result.output
    sentence_line = next(line for line in result.output.splitlines() if line.startswith("by sentence"))
    assert "recall 1.000" in sentence_line or "recall 0.667" in sentence_line
