import pytest

from eventscope import nlp


def sentences(text):
    return [s.text.strip() for s in nlp.load()(text).sents if s.text.strip()]


def test_model_is_the_pinned_package():
    pipeline = nlp.load()
    assert pipeline.meta["version"] == nlp.MODEL_VERSION
    assert "eventscope_segmenter" in pipeline.pipe_names and pipeline.pipe_names[-1] == "eventscope_headings"


def test_unexpected_model_version_is_refused():
    with pytest.raises(nlp.ModelError, match="3.8.0"):
        nlp.check_meta({"lang": "en", "version": "3.7.1"})


def test_heading_lines_are_their_own_segments():
    got = sentences("Rebels accused over ambush\nOn Friday, six people were wounded.\nPlus:\nThe police said so.")
    assert got == ["Rebels accused over ambush", "On Friday, six people were wounded.", "Plus:", "The police said so."]


def test_blank_lines_split_but_hard_wrapped_lines_do_not():
    got = sentences("Rebels attacked the town of Kidal on Monday and the\nfighting went on all day.\n\nNo one was hurt")
    assert got == ["Rebels attacked the town of Kidal on Monday and the\nfighting went on all day.", "No one was hurt"]


def test_sentences_run_together_are_split():
    got = sentences("At least 3 people were killed.The army said it would respond.")
    assert got == ["At least 3 people were killed.", "The army said it would respond."]


def test_summary_bullets_announce_like_headlines():
    doc = nlp.load()("Key Points\n  • The deal was signed by both sides.\n\nOn Friday, the two sides signed the deal.")
    # marked once by the pipeline's headings component, on every token of the sentence
    flags = [(s.text.strip(), s[-1]._.in_heading) for s in doc.sents if s.text.strip() and s.text.strip() != "•"]
    assert flags == [("Key Points", True), ("The deal was signed by both sides.", True),
                     ("On Friday, the two sides signed the deal.", False)]


def test_a_photo_caption_is_marked_as_a_caption_and_a_heading():
    doc = nlp.load()("Fishermen in Mopti mend their nets, March 3, 2021.\n\nThe fishermen said prices had doubled.")
    marked = [(s.text.strip(), s[0]._.in_caption, s[0]._.in_heading) for s in doc.sents if s.text.strip()]
    assert marked == [("Fishermen in Mopti mend their nets, March 3, 2021.", True, True),
                      ("The fishermen said prices had doubled.", False, False)]
