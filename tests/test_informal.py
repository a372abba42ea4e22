"""Chat spellings are read as the words they stand for; names and other words stay as typed."""

from __future__ import annotations

from cpassist.informal import normalize


def test_indonesian_chat_spellings_and_jakarta_verbs() -> None:
    assert (
        normalize("gmn cara ecpat nyebarin info?")
        == "bagaimana cara ecpat menyebarkan information?"
    )
    assert normalize("Kenapa ECPAT gak kerja sama dgn swasta?") == (
        "Kenapa ECPAT tidak kerja sama dengan swasta?"
    )
    assert normalize("Gimana ngumpulin datanya?") == "Bagaimana mengumpulkan datanya?"


def test_english_chat_spellings_and_names_untouched() -> None:
    assert normalize("what kinda research is it, whats the aim?") == (
        "what kind of research is it, what is the aim?"
    )
    assert normalize("Dr. Rahman and the UN") == "Dr. Rahman and the UN"
