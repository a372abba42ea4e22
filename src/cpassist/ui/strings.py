"""Every user-facing interface string, in Bahasa Indonesia and English, in one place.

Contract: `TEXT[lang][key]` holds the chat UI's labels and messages (`t(lang, key, **fmt)` formats one,
falling back to English); `TERMINAL[lang][key]` the labels of the plain-text answer (`cpassist ask`,
`cpassist chat`); `EXAMPLES` the example questions. The generator labels (`gen_<name>`) come from
`cpassist.registry`, so a new generator is named in one place.

Not here: prompt texts and the refusal/abstention wordings (the files under `prompts/`), and error
messages of the package (they are English, with the setting to change).
"""

from __future__ import annotations

from cpassist.registry import GENERATORS

LANGUAGES = ("id", "en")

TEXT: dict[str, dict[str, str]] = {
    "id": {
        "title": "## cpassist · asisten riset perlindungan anak",
        "subtitle": "Tanyakan dalam Bahasa Indonesia atau English. Setiap jawaban menyebut sumbernya "
        "[n] dari studi; jika jawabannya tidak ada di studi, cpassist mengatakannya.",
        "chat": "Percakapan",
        "placeholder": "### Selamat datang\nTanyakan apa saja tentang studi di korpus, misalnya "
        "tujuan, metode, teori atau temuannya. Klik salah satu contoh di bawah untuk mulai.",
        "input": "Pertanyaan",
        "input_ph": "Tulis pertanyaan Anda, lalu tekan Enter…",
        "send": "Kirim",
        "clear": "Hapus percakapan",
        "examples": "Contoh pertanyaan (klik untuk bertanya)",
        "corpus": "Korpus",
        "generator": "Generator jawaban",
        "settings": "⚙ Pengaturan pencarian (sesi ini)",
        "top_k": "Jumlah bagian yang diambil (top-k)",
        "fast": "Jawaban cepat tanpa LLM (ekstraktif)",
        "upload": "Tambahkan dokumen (.txt, .md, .pdf, .docx)",
        "ingest": "Masukkan ke korpus",
        "feedback": "Masukan",
        "feedback_help": "Nilai jawaban dengan tombol suka / tidak suka di bawahnya, lalu (opsional) tulis komentar di sini.",
        "comment": "Komentar untuk penilaian terakhir",
        "send_comment": "Kirim komentar",
        "json": "Data jawaban terakhir (JSON)",
        "language": "Bahasa antarmuka",
        "loading": "↻ Memuat model dan korpus… Anda sudah bisa mengetik; jawaban pertama menunggu sampai siap.",
        "load_failed": "⚠ **cpassist tidak dapat dimuat.**",
        "empty_store": "⚠ Korpus kosong. Jalankan `cpassist ingest` atau unggah dokumen di panel samping.",
        "chunks": "bagian",
        "total": "Total",
        "sources": "Sumber",
        "parallel": "Versi {language} (paralel)",
        "searched": "Dicari sebagai",
        "closest": "Bagian terdekat yang ditemukan (tidak cukup untuk menjawab)",
        "abstained": "Tidak ditemukan di studi",
        "sent_quoted": "Dikutip persis dari sumber",
        "sent_kept": "Parafrase yang sudah diverifikasi terhadap sumbernya",
        "sent_corrected": "Terverifikasi; nomor sumbernya diperbaiki oleh pemeriksa",
        "empty_q": "Silakan tulis pertanyaan terlebih dahulu.",
        "long_q": "Pertanyaan Anda terlalu panjang ({n} karakter; maksimum {max}). Persingkat "
        "pertanyaannya, atau unggah teks panjang sebagai dokumen di panel samping.",
        "control_q": "Pertanyaan hanya berisi karakter kontrol. Silakan tulis pertanyaan dengan kata-kata.",
        "error": "Maaf, terjadi kesalahan: {msg}",
        "internal": "kesalahan internal; rinciannya ada di log server",
        "thinking": "↻ Mencari di studi…",
        "draft": "✎ draf: kutipan diperiksa setelah jawaban selesai",
        "rated": "Terima kasih! Penilaian Anda disimpan ({rating}).",
        "rating_up": "membantu",
        "rating_down": "tidak membantu",
        "rate_first": "Nilai sebuah jawaban (tombol suka / tidak suka di bawahnya) terlebih dahulu.",
        "commented": "Komentar disimpan. Terima kasih!",
        "no_files": "Pilih satu atau beberapa file terlebih dahulu.",
        "added": "ditambahkan: {n} bagian baru",
        "unchanged": "tidak berubah (sudah ada di korpus)",
        "skipped": "dilewati: {reason}",
        "too_big": "terlalu besar ({mb:.1f} MB; maksimum {max} MB)",
        "too_many": "terlalu banyak file dalam satu unggahan (maksimum {max})",
        "bad_type": "jenis file tidak didukung (gunakan .txt, .md, .pdf atau .docx)",
        "lang_id": "Bahasa Indonesia",
        "lang_en": "Inggris",
        "model_failed": "⚠ **LLM tidak dapat dimuat**; jawaban disusun secara ekstraktif.",
    },
    "en": {
        "title": "## cpassist · child-protection research assistant",
        "subtitle": "Ask in English or Bahasa Indonesia. Every answer cites its sources [n] in the "
        "studies; when the answer is not in the studies, cpassist says so.",
        "chat": "Conversation",
        "placeholder": "### Welcome\nAsk anything about the studies in the corpus: their goals, "
        "methods, theories or findings. Click one of the examples below to start.",
        "input": "Question",
        "input_ph": "Type your question and press Enter…",
        "send": "Send",
        "clear": "Clear chat",
        "examples": "Example questions (click to ask)",
        "corpus": "Corpus",
        "generator": "Answer generator",
        "settings": "⚙ Retrieval settings (this session)",
        "top_k": "Passages retrieved (top-k)",
        "fast": "Fast answers without the LLM (extractive)",
        "upload": "Add documents (.txt, .md, .pdf, .docx)",
        "ingest": "Add to corpus",
        "feedback": "Feedback",
        "feedback_help": "Rate an answer with the thumbs up / down buttons under it, then (optionally) add a comment here.",
        "comment": "Comment on your last rating",
        "send_comment": "Send comment",
        "json": "Last answer data (JSON)",
        "language": "Interface language",
        "loading": "↻ Loading models and corpus… You can type already; the first answer waits until ready.",
        "load_failed": "⚠ **cpassist could not be loaded.**",
        "empty_store": "⚠ The corpus is empty. Run `cpassist ingest` or upload documents in the side panel.",
        "chunks": "chunks",
        "total": "Total",
        "sources": "Sources",
        "parallel": "{language} version (parallel)",
        "searched": "Searched as",
        "closest": "Closest passages found (not enough to answer)",
        "abstained": "Not found in the studies",
        "sent_quoted": "Quoted verbatim from the source",
        "sent_kept": "Paraphrase, verified against its source",
        "sent_corrected": "Verified; its source number was corrected by the checker",
        "empty_q": "Please type a question first.",
        "long_q": "Your question is too long ({n} characters; the limit is {max}). Please shorten it, "
        "or upload long text as a document in the side panel.",
        "control_q": "The question contains only control characters. Please type it in words.",
        "error": "Sorry, something went wrong: {msg}",
        "internal": "internal error; the details are in the server log",
        "thinking": "↻ Searching the studies…",
        "draft": "✎ draft: citations are checked when the answer is complete",
        "rated": "Thank you! Your rating was saved ({rating}).",
        "rating_up": "helpful",
        "rating_down": "not helpful",
        "rate_first": "Rate an answer first (thumbs up / down buttons under it).",
        "commented": "Comment saved. Thank you!",
        "no_files": "Choose one or more files first.",
        "added": "added: {n} new chunks",
        "unchanged": "unchanged (already in the corpus)",
        "skipped": "skipped: {reason}",
        "too_big": "too large ({mb:.1f} MB; the limit is {max} MB)",
        "too_many": "too many files in one upload (at most {max})",
        "bad_type": "unsupported file type (use .txt, .md, .pdf or .docx)",
        "lang_id": "Indonesian",
        "lang_en": "English",
        "model_failed": "⚠ **The LLM could not be loaded**; answers are extractive.",
    },
}

EXAMPLES = [
    "Apa tujuan kerja sama Nepal dan ECPAT?",
    "Apa saja peran ECPAT Indonesia dalam program Down to Zero?",
    "Apa faktor penyebab child trafficking di Nepal?",
    "Which theories does the Down to Zero study use?",
    "What did Nepal and ECPAT gain from their cooperation?",
    "How did the two studies collect their data?",
]

for _entry in GENERATORS:  # "gen_local", "gen_extractive", ...: from the registry
    for _lang in LANGUAGES:
        TEXT[_lang][f"gen_{_entry.name}"] = _entry.label_in(_lang)

#: Labels of the plain-text answer in the terminal (`cpassist.render.format_answer`).
TERMINAL: dict[str, dict[str, str]] = {
    "id": {
        "sources": "Sumber",
        "closest": "Bagian terdekat",
        "checked": "Verifikasi",
        "kept": "dipertahankan",
        "corrected": "diperbaiki",
        "dropped": "dibuang",
        "fallback": "jawaban ekstraktif dipakai",
        "rewrite": "Pertanyaan mandiri",
    },
    "en": {
        "sources": "Sources",
        "closest": "Closest passages",
        "checked": "Verification",
        "kept": "kept",
        "corrected": "corrected",
        "dropped": "dropped",
        "fallback": "extractive answer used",
        "rewrite": "Standalone question",
    },
}


def t(lang: str, key: str, **fmt: object) -> str:
    """The interface text `key` in `lang` (English when missing), formatted with `fmt`."""
    text = TEXT.get(lang, TEXT["en"]).get(key) or TEXT["en"][key]
    return text.format(**fmt) if fmt else text


def lang_name(code: str, ui: str) -> str:
    """A language code as a name in the interface language (`id` -> "Inggris"...); others as they are."""
    return t(ui, f"lang_{code}") if code in LANGUAGES else code
