"""Writes `eval/datasets/claims.jsonl`, the claim-check set, from the hand-written rows below.

Every claim was written from a reading of both studies (data/studies/*.txt), sentence by sentence.
Half are faithful (a paraphrase, a paraphrase in the other language, two sentences summarised in
one, or a verbatim copy); half are false, each of a named kind, in both languages and, where the
kind allows, for both studies. Evidence is given as sentence keys (`d_id3` = the 3rd sentence of the
Indonesian version of the Down to Zero study, `n_en13` = the 13th sentence of the English version of
the Nepal study) and written out as the exact sentences of the study files. The split is fixed: one
third (rounded) of every kind x language cell is held out, chosen with a seeded random generator.

Run `python eval/datasets/make_claims.py` after editing the rows; tests/test_claims_gate.py checks
the result (counts, balance, evidence really in the studies).
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STUDIES = ROOT / "data" / "studies"
OUT = Path(__file__).with_name("claims.jsonl")
SEED = 20261201
STUDY = {
    "dz": "ecpat-indonesia-down-to-zero",
    "np": "ecpat-nepal-child-trafficking",
}

from cpassist.evaluation.claims import FAITHFUL_KINDS, FALSE_KINDS  # noqa: E402 - one list of kinds


def _sentences(name: str) -> list[str]:
    text = re.sub(r"\s+", " ", (STUDIES / f"{name}.txt").read_text(encoding="utf-8")).strip()
    return [s for s in re.split(r"(?<=[.])\s+", text) if s.strip()]


def sentence_table() -> dict[str, str]:
    """Sentence key -> exact sentence (whitespace collapsed) of the study files."""
    dz = _sentences(STUDY["dz"])
    dz[0] = dz[0].removeprefix("INTISARI ")
    keywords, abstract = dz[12].split(" ABSTRACT ")
    d_id = [*dz[:12], keywords]
    d_en = [abstract, *dz[13:]]
    npl = _sentences(STUDY["np"])
    n_id, n_en = npl[:13], npl[13:]
    table: dict[str, str] = {}
    for prefix, items in (("d_id", d_id), ("d_en", d_en), ("n_id", n_id), ("n_en", n_en)):
        for i, sent in enumerate(items, 1):
            table[f"{prefix}{i}"] = sent
    return table


# (claim language, study, claim, question, evidence keys). Verbatim rows give only the key.
# fmt: off
VERBATIM = {
    "en": [
        ("dz", "d_en1", "What is commercial sexual exploitation of children?"),
        ("dz", "d_en2", "Why are child exploitation rates rising?"),
        ("dz", "d_en4", "What do INGOs do?"),
        ("dz", "d_en5", "What is Indonesia's position in child sex exploitation?"),
        ("dz", "d_en7", "What does the ECPAT Indonesia study describe?"),
        ("dz", "d_en9", "Where was the research on ECPAT Indonesia conducted?"),
        ("dz", "d_en11", "How were the data collected?"),
        ("dz", "d_en12", "What did the study find about ECPAT Indonesia's first role?"),
        ("dz", "d_en13", "What is ECPAT Indonesia's second role?"),
        ("dz", "d_en14", "What is ECPAT Indonesia's third role?"),
        ("np", "n_en1", "How common is child trafficking in Nepal?"),
        ("np", "n_en2", "What drives child trafficking in Nepal?"),
        ("np", "n_en3", "What did these factors lead to?"),
        ("np", "n_en5", "Which theory does the Nepal study use?"),
        ("np", "n_en7", "What kind of study is the Nepal one?"),
        ("np", "n_en8", "What does the Nepal study focus on?"),
        ("np", "n_en9", "How is the collaboration structured?"),
        ("np", "n_en10", "What were the goals of ECPAT and Nepal?"),
        ("np", "n_en12", "What did each side gain?"),
        ("np", "n_en13", "Did child trafficking cases in Nepal decrease?"),
    ],
    "id": [
        ("dz", "d_id1", "Apa itu ESKA?"),
        ("dz", "d_id2", "Apa yang meningkatkan angka eksploitasi anak?"),
        ("dz", "d_id3", "Siapa saja yang bereaksi terhadap masalah ESKA?"),
        ("dz", "d_id4", "Apa itu program Down to Zero?"),
        ("dz", "d_id5", "Apa yang dideskripsikan penelitian tentang ECPAT Indonesia?"),
        ("dz", "d_id7", "Di mana penelitian ECPAT Indonesia dilakukan?"),
        ("dz", "d_id9", "Bagaimana data penelitian dikumpulkan?"),
        ("dz", "d_id10", "Apa peran pertama ECPAT Indonesia?"),
        ("dz", "d_id11", "Apa peran kedua ECPAT Indonesia?"),
        ("dz", "d_id12", "Apa peran ketiga ECPAT Indonesia?"),
        ("np", "n_id1", "Seberapa tinggi kasus child trafficking di Nepal?"),
        ("np", "n_id2", "Apa faktor penyebab child trafficking di Nepal?"),
        ("np", "n_id3", "Apa akibat dari faktor-faktor tersebut?"),
        ("np", "n_id5", "Teori apa yang dipakai studi Nepal?"),
        ("np", "n_id7", "Studi Nepal termasuk penelitian jenis apa?"),
        ("np", "n_id8", "Apa fokus penelitian tentang Nepal?"),
        ("np", "n_id9", "Bagaimana kerja sama Nepal dan ECPAT diatur?"),
        ("np", "n_id10", "Apa tujuan ECPAT dan Nepal dalam kerja sama ini?"),
        ("np", "n_id12", "Apa keuntungan yang didapat masing-masing pihak?"),
        ("np", "n_id13", "Apakah kasus child trafficking di Nepal menurun?"),
    ],
}

ROWS: dict[str, list[tuple[str, str, str, str, list[str]]]] = {
    # ---------------------------------------------------------------- faithful
    "paraphrase": [
        ("en", "dz", "CSEC is a worldwide crime that endangers children everywhere.", "What is CSEC?", ["d_en1"]),
        ("en", "dz", "The study says progress in information technology and easier global travel have pushed up child exploitation rates.", "What is driving child exploitation up?", ["d_en2"]),
        ("en", "dz", "INGOs play a part in helping the state deal with these problems.", "What role do INGOs play?", ["d_en4"]),
        ("en", "dz", "Indonesia is both a sending country and a destination for commercial sex involving children.", "Is Indonesia a sending or a destination country?", ["d_en5"]),
        ("en", "dz", "Down to Zero was initiated by several INGOs to fight the commercial sexual exploitation of children worldwide.", "Who started the Down to Zero programme?", ["d_en6"]),
        ("en", "dz", "The study looks at ECPAT Indonesia's role, as a non-state actor, in tackling CSEC in Indonesia through Down to Zero.", "What does the study describe?", ["d_en7", "d_en6"]),
        ("en", "dz", "The main site of the research was ECPAT Indonesia's head office in South Jakarta.", "Where was the research done?", ["d_en9"]),
        ("en", "dz", "The author also carried out research at several ministries and NGOs that partnered with ECPAT Indonesia in Down to Zero.", "Where else did the author do research?", ["d_en10"]),
        ("en", "dz", "Data were gathered through direct interviews with informants and a study of documents such as articles, journals, reports and electronic media.", "How were the data collected?", ["d_en11"]),
        ("en", "dz", "ECPAT Indonesia's second role is advocating policy to the government and private sector and training relevant stakeholders to build their capacity.", "What is ECPAT Indonesia's second role?", ["d_en13"]),
        ("en", "dz", "ECPAT Indonesia's third role is spreading information and running campaigns through print and electronic media.", "What is the third role?", ["d_en14"]),
        ("en", "dz", "The problem drew reactions from the international community, including the rise of non-state actors such as INGOs.", "How did the world react to CSEC?", ["d_en3"]),
        ("en", "np", "Child trafficking cases in Nepal are relatively high for South Asia.", "How serious is child trafficking in Nepal?", ["n_en1"]),
        ("en", "np", "Poverty, low education, a patriarchal culture and inadequate laws drive child trafficking in Nepal.", "What causes child trafficking in Nepal?", ["n_en2"]),
        ("en", "np", "The study uses the theory of international cooperation to identify the goals and benefits of the partnership for ECPAT and Nepal.", "Which theory does the Nepal study use?", ["n_en5"]),
        ("en", "np", "The Nepal study is a descriptive qualitative study drawing on scientific journals, books, government publications, official reports and credible websites.", "What kind of research is the Nepal study?", ["n_en7"]),
        ("en", "np", "Nepal wanted ECPAT's support, as an NGO, in addressing the challenges of tackling child trafficking in the country.", "What did Nepal want from the partnership?", ["n_en10"]),
        ("en", "np", "From 2009 to 2020 the number of child trafficking cases in Nepal did not fall consistently, despite the cooperation.", "Did cases fall?", ["n_en13"]),
        ("en", "np", "Both ECPAT and Nepal benefit from their partnership.", "Who benefits from the partnership?", ["n_en11"]),
        ("en", "np", "The concept of child trafficking is used to analyse what form the crime takes.", "What is the concept of child trafficking used for in the Nepal study?", ["n_en6"]),
        ("id", "dz", "ESKA merupakan kejahatan lintas dunia yang membahayakan anak-anak di mana pun.", "Apa itu ESKA?", ["d_id1"]),
        ("id", "dz", "Menurut penelitian ini, kemajuan teknologi informasi dan mudahnya perjalanan global ikut meningkatkan angka eksploitasi anak.", "Apa yang membuat angka eksploitasi anak meningkat?", ["d_id2"]),
        ("id", "dz", "Selain negara, aktor non-negara seperti INGO juga berperan membantu negara menangani permasalahan ESKA.", "Siapa saja yang berperan menangani ESKA?", ["d_id3"]),
        ("id", "dz", "Program Down to Zero diinisiasi oleh beberapa INGO untuk mengentaskan eksploitasi seksual komersial anak di dunia.", "Siapa yang menginisiasi program Down to Zero?", ["d_id4"]),
        ("id", "dz", "Indonesia adalah negara pengirim sekaligus tujuan seks komersial anak.", "Bagaimana posisi Indonesia dalam ESKA?", ["d_id4"]),
        ("id", "dz", "Lokasi utama penelitian adalah kantor pusat ECPAT Indonesia di Jakarta Selatan.", "Di mana penelitian dilakukan?", ["d_id7"]),
        ("id", "dz", "Penulis juga meneliti di sejumlah kementerian dan NGO yang menjadi mitra ECPAT Indonesia dalam program Down to Zero.", "Di mana lagi penulis melakukan penelitian?", ["d_id8"]),
        ("id", "dz", "Data dikumpulkan dengan wawancara langsung bersama narasumber serta studi dokumen seperti artikel, jurnal, laporan, dan media elektronik.", "Bagaimana data penelitian dikumpulkan?", ["d_id9"]),
        ("id", "dz", "Peran pertama ECPAT Indonesia dalam Down to Zero adalah kemitraan, yaitu berkolaborasi dengan pemerintah Indonesia, sektor swasta, dan NGO lain.", "Apa peran pertama ECPAT Indonesia?", ["d_id10"]),
        ("id", "dz", "Peran ketiga ECPAT Indonesia adalah menyebarkan informasi dan berkampanye lewat media cetak dan media elektronik.", "Apa peran ketiga ECPAT Indonesia?", ["d_id12"]),
        ("id", "dz", "Penelitian ini menggambarkan peran ECPAT Indonesia sebagai aktor non-negara dalam menangani ESKA di Indonesia lewat program Down to Zero.", "Apa yang diteliti dalam studi ECPAT Indonesia?", ["d_id5", "d_id4"]),
        ("id", "np", "Kemiskinan, rendahnya pendidikan, budaya patriarki, dan hukum yang tidak memadai menjadi faktor tingginya child trafficking di Nepal.", "Apa faktor penyebab child trafficking di Nepal?", ["n_id1", "n_id2"]),
        ("id", "np", "Faktor-faktor tersebut mendorong Nepal menjalin kerja sama dengan organisasi internasional ECPAT.", "Apa yang mendorong kerja sama Nepal dan ECPAT?", ["n_id3"]),
        ("id", "np", "Studi Nepal memakai konsep child trafficking untuk menganalisis bentuk kejahatan tersebut.", "Konsep apa yang dipakai studi Nepal?", ["n_id6"]),
        ("id", "np", "Penelitian tentang Nepal bersifat kualitatif deskriptif dan menggunakan data dari jurnal ilmiah, buku, publikasi pemerintah, laporan resmi, serta situs web yang kredibel.", "Apa metode penelitian studi Nepal?", ["n_id7"]),
        ("id", "np", "Tujuan ECPAT dalam kerja sama ini adalah mengatasi isu-isu yang berkaitan dengan anak.", "Apa tujuan ECPAT?", ["n_id10"]),
        ("id", "np", "Kedua pihak, ECPAT maupun Nepal, memperoleh keuntungan dari kerja sama tersebut.", "Siapa yang diuntungkan dari kerja sama ini?", ["n_id11"]),
        ("id", "np", "Jumlah kasus child trafficking di Nepal antara 2009 dan 2020 tidak turun secara konsisten.", "Apakah kasus child trafficking di Nepal turun?", ["n_id13"]),
        ("id", "np", "Studi Nepal memakai teori kerja sama internasional untuk melihat tujuan dan keuntungan yang diperoleh ECPAT dan Nepal.", "Teori apa yang digunakan?", ["n_id5"]),
        ("id", "np", "Nepal memperoleh banyak bantuan dari ECPAT.", "Apa yang didapat Nepal dari kerja sama ini?", ["n_id12"]),
    ],
    "other_language_paraphrase": [
        ("en", "dz", "Commercial sexual exploitation of children is a global crime threatening children all over the world.", "What is CSEC?", ["d_id1"]),
        ("en", "dz", "The Down to Zero programme was initiated by several INGOs.", "Who initiated Down to Zero?", ["d_id4"]),
        ("en", "dz", "Policy advocacy to the government and the private sector is ECPAT Indonesia's second role.", "What is ECPAT Indonesia's second role?", ["d_id11"]),
        ("en", "dz", "The research was mainly carried out at ECPAT Indonesia's head office in South Jakarta.", "Where was the research carried out?", ["d_id7"]),
        ("en", "dz", "The study's concepts include Global in the Local, used to see how the state responds to the global issue.", "Which concepts does the study use?", ["d_id6"]),
        ("en", "dz", "The study used direct interviews with informants as well as document study.", "How were the data collected?", ["d_id9"]),
        ("en", "dz", "ECPAT Indonesia spreads information and campaigns through print and electronic media.", "How does ECPAT Indonesia spread information?", ["d_id12"]),
        ("en", "dz", "ECPAT Indonesia also trains relevant stakeholders to build their capacity so that they take part in making child protection policies.", "Who does ECPAT Indonesia train?", ["d_id11"]),
        ("en", "dz", "The study looks at the role of ECPAT Indonesia as a non-state actor in tackling CSEC in Indonesia.", "What is the study about?", ["d_id5"]),
        ("en", "np", "Nepal has a fairly high number of child trafficking cases in South Asia.", "How high is child trafficking in Nepal?", ["n_id1"]),
        ("en", "np", "The Nepal study names poverty, low education, patriarchal culture and inadequate laws as factors.", "Which factors does the Nepal study name?", ["n_id2"]),
        ("en", "np", "The study aims to describe the cooperation between ECPAT and Nepal, from its goals to the benefits both received.", "What is the aim of the Nepal study?", ["n_id4"]),
        ("en", "np", "The Nepal study uses international cooperation theory to look at the goals and benefits of the cooperation.", "Which theory is used?", ["n_id5"]),
        ("en", "np", "The Nepal study is descriptive qualitative research.", "Is the Nepal study qualitative?", ["n_id7"]),
        ("en", "np", "The cooperation between Nepal and ECPAT is organised around several goals they want to reach.", "How is the cooperation organised?", ["n_id9"]),
        ("en", "np", "Nepal received a lot of help from ECPAT.", "What did Nepal get from ECPAT?", ["n_id12"]),
        ("en", "np", "Through the partnership, ECPAT could carry out its organisational agenda to fight child-related cases.", "How does ECPAT benefit?", ["n_id12"]),
        ("en", "np", "Between 2009 and 2020 the number of child trafficking cases in Nepal did not show a consistent decline.", "Did child trafficking in Nepal decline?", ["n_id13"]),
        ("en", "np", "The factors behind child trafficking eventually led to cooperation between Nepal and the international organisation ECPAT.", "What led to the cooperation?", ["n_id3", "n_id2"]),
        ("en", "np", "Data for the Nepal study came from scientific journals, books, government publications, official reports and credible websites.", "What data sources did the Nepal study use?", ["n_id7"]),
        ("id", "dz", "Kemajuan teknologi informasi dan akses perjalanan global yang makin mudah meningkatkan angka eksploitasi anak.", "Mengapa eksploitasi anak meningkat?", ["d_en2"]),
        ("id", "dz", "Indonesia merupakan salah satu negara tujuan program Down to Zero.", "Apakah Indonesia termasuk program Down to Zero?", ["d_en6"]),
        ("id", "dz", "Down to Zero merupakan inisiasi beberapa INGO untuk memerangi eksploitasi seksual komersial anak di dunia.", "Siapa yang memprakarsai Down to Zero?", ["d_en6"]),
        ("id", "dz", "Penelitian ini menggambarkan peran ECPAT Indonesia sebagai aktor non-negara dalam menangani ESKA di Indonesia.", "Apa yang digambarkan penelitian ini?", ["d_en7"]),
        ("id", "dz", "Penulis juga meneliti di beberapa kementerian dan NGO mitra ECPAT Indonesia dalam program Down to Zero.", "Di mana saja penulis meneliti?", ["d_en10"]),
        ("id", "dz", "Data penelitian ECPAT Indonesia dikumpulkan melalui wawancara langsung dan dokumen berupa artikel, jurnal, laporan, dan media elektronik.", "Bagaimana data dikumpulkan?", ["d_en11"]),
        ("id", "dz", "Dalam peran pertamanya, ECPAT Indonesia bermitra dengan pemerintah Indonesia, sektor swasta, dan organisasi non-pemerintah lain.", "Apa peran pertama ECPAT Indonesia?", ["d_en12"]),
        ("id", "dz", "Peran kedua ECPAT adalah advokasi kebijakan kepada pemerintah dan sektor swasta.", "Apa peran kedua ECPAT Indonesia?", ["d_en13"]),
        ("id", "dz", "ECPAT Indonesia menyebarluaskan informasi dan kampanye melalui media cetak dan elektronik.", "Bagaimana ECPAT Indonesia menyebarkan informasi?", ["d_en14"]),
        ("id", "dz", "ESKA adalah kejahatan global yang mengancam anak-anak di seluruh dunia.", "Apa itu ESKA?", ["d_en1"]),
        ("id", "dz", "Penelitian ini dilakukan di kantor pusat ECPAT Indonesia di Jakarta Selatan, lokasi utama penelitian penulis.", "Di mana lokasi penelitian?", ["d_en9"]),
        ("id", "np", "Child trafficking di Nepal didorong oleh kemiskinan, pendidikan rendah, budaya patriarki, dan hukum yang tidak memadai.", "Apa penyebab child trafficking di Nepal?", ["n_en2"]),
        ("id", "np", "Faktor-faktor itu melahirkan kemitraan antara Nepal dan organisasi internasional ECPAT.", "Apa akibat faktor-faktor itu?", ["n_en3"]),
        ("id", "np", "Konsep child trafficking dipakai untuk menganalisis bentuk kejahatan itu sendiri.", "Untuk apa konsep child trafficking dipakai?", ["n_en6"]),
        ("id", "np", "Penelitian tersebut berfokus pada kolaborasi Nepal dan ECPAT untuk mengatasi child trafficking di Nepal.", "Apa fokus penelitiannya?", ["n_en8"]),
        ("id", "np", "Nepal ingin mendapat dukungan dari ECPAT sebagai NGO untuk menghadapi tantangan penanganan child trafficking.", "Apa yang diinginkan Nepal?", ["n_en10"]),
        ("id", "np", "Dalam kemitraan ini, ECPAT dan Nepal sama-sama mendapat manfaat.", "Siapa yang mendapat manfaat?", ["n_en11"]),
        ("id", "np", "ECPAT dapat menjalankan agenda organisasinya untuk memerangi isu-isu terkait anak.", "Apa keuntungan bagi ECPAT?", ["n_en12"]),
        ("id", "np", "Meski ada kerja sama, jumlah kasus child trafficking di Nepal pada 2009-2020 tidak menurun secara konsisten.", "Apakah kerja sama itu menurunkan kasus?", ["n_en13"]),
        ("id", "np", "Studi Nepal merupakan penelitian kualitatif deskriptif.", "Studi Nepal itu penelitian apa?", ["n_en7"]),
    ],
    "summary_of_two": [
        ("en", "dz", "CSEC is a global crime, and advances in IT and easier global travel have increased child exploitation rates.", "What is CSEC and why is it growing?", ["d_en1", "d_en2"]),
        ("en", "dz", "Indonesia is both a sending and a destination country for commercial sex with children, and it is one of the destination countries of Down to Zero.", "Why is Indonesia part of Down to Zero?", ["d_en5", "d_en6"]),
        ("en", "dz", "The problem drew international reactions, with non-state actors such as INGOs emerging to help the state.", "Who responded to the problem?", ["d_en3", "d_en4"]),
        ("en", "dz", "The research was done mainly at ECPAT Indonesia's head office in South Jakarta and also at several ministries and NGOs partnering in Down to Zero.", "Where was the research conducted?", ["d_en9", "d_en10"]),
        ("en", "dz", "ECPAT Indonesia first acts as a partner collaborating with the government, private sector and other NGOs, and second advocates policy and trains stakeholders.", "What are ECPAT Indonesia's first two roles?", ["d_en12", "d_en13"]),
        ("en", "dz", "ECPAT Indonesia's roles in Down to Zero include policy advocacy and disseminating information and campaigns through print and electronic media.", "What does ECPAT Indonesia do in Down to Zero?", ["d_en13", "d_en14"]),
        ("en", "dz", "The study describes ECPAT Indonesia's role as a non-state actor, collecting data through direct interviews and documents.", "What does the study do and how?", ["d_en7", "d_en11"]),
        ("en", "dz", "Using the concepts of CSEC, Global in the Local and INGOs, the study describes ECPAT Indonesia's role in addressing CSEC through Down to Zero.", "What framework does the study use?", ["d_en8", "d_en7"]),
        ("en", "dz", "Data came from direct interviews and documents, and the study found that ECPAT Indonesia acts as a partner of the government, private sector and other NGOs.", "What did the research find and how?", ["d_en11", "d_en12"]),
        ("en", "np", "Nepal has a relatively high rate of child trafficking in South Asia, driven by poverty, low education, patriarchal culture and inadequate laws.", "Why is child trafficking high in Nepal?", ["n_en1", "n_en2"]),
        ("en", "np", "Factors such as poverty and inadequate laws led Nepal to establish a partnership with the international organisation ECPAT.", "Why did Nepal partner with ECPAT?", ["n_en2", "n_en3"]),
        ("en", "np", "The Nepal study is descriptive qualitative research based on international cooperation theory.", "What method and theory does the Nepal study use?", ["n_en5", "n_en7"]),
        ("en", "np", "The study uses international cooperation theory together with the concept of child trafficking.", "Which theory and concept are used?", ["n_en5", "n_en6"]),
        ("en", "np", "ECPAT's goal is to address child-related issues and Nepal's is to receive ECPAT's support; both receive benefits.", "What are the goals and benefits of the cooperation?", ["n_en10", "n_en11"]),
        ("en", "np", "Both sides benefit: Nepal gets significant assistance from ECPAT and ECPAT can pursue its organisational agenda.", "What are the benefits for each side?", ["n_en11", "n_en12"]),
        ("en", "np", "Although Nepal received significant assistance from ECPAT, child trafficking cases from 2009 to 2020 did not decrease consistently.", "Did ECPAT's help reduce child trafficking?", ["n_en12", "n_en13"]),
        ("en", "np", "The study describes the Nepal-ECPAT collaboration, its goals and benefits, focusing on tackling child trafficking in Nepal.", "What does the Nepal study describe?", ["n_en4", "n_en8"]),
        ("en", "np", "The collaboration is structured around several goals, with Nepal aiming to receive support from ECPAT as an NGO.", "How is the collaboration organised?", ["n_en9", "n_en10"]),
        ("en", "np", "The study aims to describe the ECPAT-Nepal collaboration, using international cooperation theory to identify its goals and benefits.", "What is the aim and theory of the Nepal study?", ["n_en4", "n_en5"]),
        ("en", "np", "Poverty, low education, patriarchal culture and inadequate laws drive child trafficking in Nepal and led to its partnership with ECPAT.", "What led to the partnership?", ["n_en2", "n_en3"]),
        ("id", "dz", "ESKA merupakan kejahatan global, dan kemajuan teknologi informasi serta kemudahan perjalanan global meningkatkan angka eksploitasi anak.", "Apa itu ESKA dan mengapa meningkat?", ["d_id1", "d_id2"]),
        ("id", "dz", "Down to Zero, inisiasi beberapa INGO, menjadikan Indonesia salah satu negara tujuannya, dan penelitian ini mendeskripsikan peran ECPAT Indonesia dalam program itu.", "Apa hubungan Down to Zero dengan penelitian ini?", ["d_id4", "d_id5"]),
        ("id", "dz", "Penelitian dilakukan terutama di kantor pusat ECPAT Indonesia di Jakarta Selatan, serta di beberapa kementerian dan NGO mitra program Down to Zero.", "Di mana penelitian dilakukan?", ["d_id7", "d_id8"]),
        ("id", "dz", "ECPAT Indonesia berperan sebagai mitra yang berkolaborasi dengan pemerintah, sektor swasta, dan NGO lain, serta melakukan advokasi kebijakan.", "Apa peran ECPAT Indonesia?", ["d_id10", "d_id11"]),
        ("id", "dz", "Selain advokasi kebijakan dan pelatihan pengembangan kapasitas, ECPAT Indonesia menyebarluaskan informasi dan kampanye melalui media cetak dan elektronik.", "Apa saja kegiatan ECPAT Indonesia?", ["d_id11", "d_id12"]),
        ("id", "dz", "Penelitian ini memakai konsep ESKA, Global in the Local, dan INGO, dengan data dari wawancara langsung dan studi dokumen.", "Konsep dan data apa yang dipakai penelitian ini?", ["d_id6", "d_id9"]),
        ("id", "dz", "Masalah ESKA memunculkan reaksi internasional sehingga INGO ikut membantu negara, dan beberapa INGO menginisiasi program Down to Zero.", "Bagaimana INGO terlibat dalam penanganan ESKA?", ["d_id3", "d_id4"]),
        ("id", "dz", "Metode pengumpulan datanya adalah wawancara langsung dengan narasumber dan studi dokumen, dan lokasi utama penelitiannya kantor pusat ECPAT Indonesia.", "Bagaimana dan di mana penelitian dilakukan?", ["d_id9", "d_id7"]),
        ("id", "dz", "Indonesia merupakan negara pengirim sekaligus tujuan seks komersial anak, dan INGO ikut berperan membantu negara menangani ESKA.", "Mengapa INGO terlibat di Indonesia?", ["d_id4", "d_id3"]),
        ("id", "dz", "ECPAT Indonesia berkolaborasi dengan pemerintah, sektor swasta, dan NGO lain, serta menyebarluaskan informasi melalui media cetak dan elektronik.", "Apa yang dilakukan ECPAT Indonesia?", ["d_id10", "d_id12"]),
        ("id", "np", "Nepal memiliki angka child trafficking yang cukup tinggi di Asia Selatan karena kemiskinan, pendidikan rendah, budaya patriarki, dan hukum yang kurang memadai.", "Mengapa child trafficking di Nepal tinggi?", ["n_id1", "n_id2"]),
        ("id", "np", "Faktor-faktor seperti kemiskinan dan hukum yang kurang memadai akhirnya mendorong kerja sama Nepal dengan ECPAT.", "Mengapa Nepal bekerja sama dengan ECPAT?", ["n_id2", "n_id3"]),
        ("id", "np", "Studi Nepal memakai teori kerja sama internasional dan konsep child trafficking.", "Teori dan konsep apa yang dipakai?", ["n_id5", "n_id6"]),
        ("id", "np", "Penelitian kualitatif deskriptif ini berfokus pada kerja sama Nepal dan ECPAT dalam mengatasi child trafficking di Nepal.", "Apa jenis dan fokus penelitian Nepal?", ["n_id7", "n_id8"]),
        ("id", "np", "ECPAT bertujuan mengatasi isu berbasis anak, sedangkan Nepal ingin mendapat bantuan ECPAT, dan keduanya sama-sama mendapat keuntungan.", "Apa tujuan dan keuntungan kerja sama ini?", ["n_id10", "n_id11"]),
        ("id", "np", "Keduanya diuntungkan: Nepal mendapat banyak bantuan dari ECPAT, dan ECPAT dapat menjalankan agenda organisasinya.", "Apa keuntungan masing-masing pihak?", ["n_id11", "n_id12"]),
        ("id", "np", "Walaupun Nepal mendapat banyak bantuan dari ECPAT, kasus child trafficking di Nepal pada 2009-2020 belum turun secara konsisten.", "Apakah bantuan ECPAT menurunkan kasus?", ["n_id12", "n_id13"]),
        ("id", "np", "Penelitian ini mendeskripsikan tujuan dan keuntungan kerja sama ECPAT dan Nepal dengan teori kerja sama internasional.", "Apa yang dideskripsikan penelitian Nepal?", ["n_id4", "n_id5"]),
        ("id", "np", "Kerja sama Nepal dan ECPAT diatur dalam beberapa tujuan; salah satunya, Nepal ingin mendapat bantuan ECPAT sebagai NGO.", "Bagaimana kerja sama itu diatur?", ["n_id9", "n_id10"]),
        ("id", "np", "Studi Nepal bertujuan mendeskripsikan kerja sama ECPAT dan Nepal serta berfokus pada penanganan child trafficking di Nepal.", "Apa tujuan dan fokus studi Nepal?", ["n_id4", "n_id8"]),
    ],
    # ---------------------------------------------------------------- false
    "trend_reversed": [
        ("en", "np", "Thanks to the cooperation, the number of child trafficking cases in Nepal fell consistently from 2009 to 2020.", "Did child trafficking cases in Nepal fall after the cooperation?", ["n_en13"]),
        ("en", "np", "Child trafficking cases in Nepal showed a steady decrease over the years 2009-2020.", "How did case numbers change from 2009 to 2020?", ["n_en13"]),
        ("en", "dz", "Advances in information technology and easier global travel have reduced child exploitation rates.", "How has technology affected child exploitation?", ["d_en2"]),
        ("en", "np", "Yes, the number of child trafficking cases in Nepal decreased between 2009 and 2020.", "Did the number of child trafficking cases in Nepal go down between 2009 and 2020?", ["n_en13"]),
        ("en", "dz", "Easier access to global travel has lowered the number of children exploited.", "Does global travel affect child exploitation?", ["d_en2"]),
        ("id", "np", "Berkat kerja sama tersebut, jumlah kasus child trafficking di Nepal menurun secara konsisten sejak 2009 hingga 2020.", "Apakah kasus child trafficking di Nepal turun setelah kerja sama dengan ECPAT?", ["n_id13"]),
        ("id", "np", "Ya, jumlah kasus child trafficking di Nepal mengalami penurunan dari tahun 2009 sampai 2020.", "Apakah jumlah kasus di Nepal menurun antara 2009 dan 2020?", ["n_id13"]),
        ("id", "dz", "Kemajuan teknologi informasi dan kemudahan perjalanan global menurunkan angka eksploitasi anak.", "Apa dampak kemajuan teknologi terhadap eksploitasi anak?", ["d_id2"]),
        ("id", "np", "Kerja sama Nepal dan ECPAT menunjukkan penurunan kasus yang konsisten setiap tahun.", "Apa hasil kerja sama Nepal dan ECPAT?", ["n_id13"]),
        ("id", "dz", "Angka eksploitasi anak menurun seiring kemudahan akses perjalanan global.", "Apa pengaruh perjalanan global terhadap eksploitasi anak?", ["d_id2"]),
    ],
    "wrong_actor": [
        ("en", "dz", "The Down to Zero programme was initiated by ECPAT Indonesia to combat commercial sexual exploitation of children.", "Who initiated the Down to Zero programme?", ["d_en6"]),
        ("en", "dz", "Down to Zero is an initiative of the Indonesian government to combat commercial sexual exploitation of children.", "Who started Down to Zero?", ["d_en6"]),
        ("en", "dz", "The Indonesian government disseminates information and campaigns through print media, electronic media and campaigns.", "Who runs the information campaigns?", ["d_en14"]),
        ("en", "np", "Through the cooperation, Nepal is able to carry out its organisational agenda to combat child-related issues.", "What does Nepal gain from the cooperation?", ["n_en12"]),
        ("en", "np", "ECPAT, a Nepali government agency, works with Nepal to tackle child trafficking.", "What is ECPAT?", ["n_en3", "n_en10"]),
        ("id", "dz", "Program Down to Zero merupakan inisiasi dari ECPAT Indonesia untuk mengentaskan eksploitasi seksual komersial anak.", "Siapa yang menginisiasi program Down to Zero?", ["d_id4"]),
        ("id", "dz", "Program Down to Zero diinisiasi oleh pemerintah Indonesia.", "Siapa pemrakarsa program Down to Zero?", ["d_id4"]),
        ("id", "dz", "Sektor swasta melakukan advokasi kebijakan kepada pemerintah dalam program Down to Zero.", "Siapa yang melakukan advokasi kebijakan?", ["d_id11"]),
        ("id", "np", "Melalui kerja sama ini, Nepal mampu melaksanakan agenda organisasinya untuk memerangi kasus berbasis anak-anak.", "Apa keuntungan Nepal dari kerja sama ini?", ["n_id12"]),
        ("id", "np", "ECPAT adalah lembaga pemerintah Nepal yang menangani child trafficking.", "ECPAT itu lembaga apa?", ["n_id3", "n_id10"]),
    ],
    "wrong_method": [
        ("en", "np", "The Nepal study is a quantitative survey of child trafficking cases.", "What method does the Nepal study use?", ["n_en7"]),
        ("en", "np", "The Nepal study is exploratory research based on interviews with trafficking survivors.", "How was the Nepal research done?", ["n_en7"]),
        ("en", "dz", "Data for the ECPAT Indonesia study were collected through a questionnaire survey of stakeholders.", "How were the data collected?", ["d_en11"]),
        ("en", "dz", "The Down to Zero study used a quantitative approach, analysing statistics on CSEC cases.", "What approach did the Down to Zero study take?", ["d_en11"]),
        ("en", "dz", "The ECPAT Indonesia study relied on focus group discussions with children.", "How did the researcher gather information?", ["d_en11"]),
        ("id", "np", "Penelitian tentang Nepal merupakan penelitian kuantitatif yang menggunakan survei.", "Apa metode penelitian studi Nepal?", ["n_id7"]),
        ("id", "np", "Studi Nepal adalah penelitian eksploratif dengan wawancara mendalam kepada korban.", "Bagaimana penelitian Nepal dilakukan?", ["n_id7"]),
        ("id", "dz", "Data penelitian ECPAT Indonesia dikumpulkan melalui kuesioner yang disebarkan kepada stakeholder.", "Bagaimana data dikumpulkan?", ["d_id9"]),
        ("id", "dz", "Penelitian tentang ECPAT Indonesia menggunakan metode kuantitatif dengan analisis statistik.", "Apa metode penelitian ECPAT Indonesia?", ["d_id9"]),
        ("id", "np", "Penelitian Nepal menggunakan metode studi kasus dengan observasi lapangan di Nepal.", "Metode apa yang digunakan studi Nepal?", ["n_id7"]),
    ],
    "direction_reversed": [
        ("en", "np", "ECPAT received significant assistance from Nepal.", "Who helped whom in the partnership?", ["n_en12"]),
        ("en", "np", "ECPAT aims to receive support from Nepal to address child-related issues.", "What did ECPAT want from Nepal?", ["n_en10"]),
        ("en", "dz", "The government advocated policy to ECPAT Indonesia and trained its staff to build capacity.", "What is ECPAT Indonesia's second role?", ["d_en13"]),
        ("en", "dz", "In the study, the state helps INGOs handle CSEC cases.", "What is the role of INGOs?", ["d_en8", "d_en4"]),
        ("en", "np", "Nepal supported ECPAT as an NGO to help it address its challenges.", "What was the support in the cooperation?", ["n_en10"]),
        ("id", "np", "ECPAT mendapat banyak bantuan dari Nepal dalam kerja sama ini.", "Siapa yang membantu siapa dalam kerja sama ini?", ["n_id12"]),
        ("id", "np", "ECPAT bertujuan mendapat bantuan Nepal untuk mengatasi isu-isu berbasis anak.", "Apa tujuan ECPAT?", ["n_id10"]),
        ("id", "dz", "Stakeholder terkait memberikan pelatihan pengembangan kapasitas kepada ECPAT Indonesia.", "Siapa yang diberi pelatihan pengembangan kapasitas?", ["d_id11"]),
        ("id", "dz", "Negara membantu INGO dalam menangani kasus ESKA.", "Apa peran INGO dalam menangani ESKA?", ["d_id3", "d_id6"]),
        ("id", "dz", "Pemerintah melakukan advokasi kebijakan kepada ECPAT Indonesia.", "Siapa yang melakukan advokasi kebijakan kepada siapa?", ["d_id11"]),
    ],
    "wrong_ordinal": [
        ("en", "dz", "The second role of ECPAT Indonesia is disseminating information and campaigns through print and electronic media.", "What is ECPAT Indonesia's second role?", ["d_en13", "d_en14"]),
        ("en", "dz", "ECPAT Indonesia's first role is advocating policy to the government and private sector.", "What is the first role of ECPAT Indonesia?", ["d_en12", "d_en13"]),
        ("en", "dz", "The third role is acting as a partnership, collaborating with the government, private sector and other NGOs.", "What is the third role of ECPAT Indonesia?", ["d_en12", "d_en14"]),
        ("en", "np", "The first factor the Nepal study names is patriarchal culture.", "What is the first factor the Nepal study lists?", ["n_en2"]),
        ("en", "dz", "Capacity-building training for stakeholders is ECPAT Indonesia's third role.", "Which of ECPAT Indonesia's roles is capacity-building training?", ["d_en13", "d_en14"]),
        ("id", "dz", "Peran kedua ECPAT Indonesia adalah penyebarluasan informasi dan kampanye melalui media cetak dan elektronik.", "Apa peran kedua ECPAT Indonesia?", ["d_id11", "d_id12"]),
        ("id", "dz", "Peran pertama ECPAT Indonesia adalah melakukan advokasi kebijakan kepada pemerintah.", "Apa peran pertama ECPAT Indonesia?", ["d_id10", "d_id11"]),
        ("id", "dz", "Peran ketiga ECPAT Indonesia adalah berkolaborasi dengan pemerintah, private sector, dan NGO lain.", "Apa peran ketiga ECPAT Indonesia?", ["d_id10", "d_id12"]),
        ("id", "np", "Faktor pertama yang disebut dalam studi Nepal adalah budaya patriarki.", "Faktor apa yang disebut pertama?", ["n_id2"]),
        ("id", "dz", "Pelatihan pengembangan kapasitas kepada stakeholder merupakan peran pertama ECPAT Indonesia.", "Peran keberapa pelatihan pengembangan kapasitas?", ["d_id10", "d_id11"]),
    ],
    "causal_invented": [
        ("en", "np", "Child trafficking cases in Nepal did not decrease consistently because Nepal's laws remained inadequate.", "Why didn't child trafficking cases in Nepal fall?", ["n_en13", "n_en2"]),
        ("en", "np", "The partnership with ECPAT made Nepal's child protection laws adequate.", "What did the partnership change in Nepal?", ["n_en12"]),
        ("en", "dz", "ECPAT Indonesia's campaigns reduced the number of CSEC cases in Indonesia.", "What did ECPAT Indonesia's campaigns achieve?", ["d_en14"]),
        ("en", "dz", "Indonesia became a Down to Zero country because of its advances in information technology.", "Why was Indonesia chosen for Down to Zero?", ["d_en2", "d_en6"]),
        ("en", "np", "Poverty in Nepal is caused by child trafficking.", "What causes poverty in Nepal?", ["n_en2"]),
        ("id", "np", "Kasus child trafficking di Nepal tidak menurun secara konsisten karena hukum Nepal masih kurang memadai.", "Mengapa kasus child trafficking di Nepal tidak menurun?", ["n_id13", "n_id2"]),
        ("id", "np", "Bantuan ECPAT membuat kemiskinan di Nepal berkurang.", "Apa dampak bantuan ECPAT bagi Nepal?", ["n_id12"]),
        ("id", "dz", "Kampanye ECPAT Indonesia berhasil menurunkan jumlah kasus ESKA di Indonesia.", "Apa hasil kampanye ECPAT Indonesia?", ["d_id12"]),
        ("id", "dz", "Advokasi ECPAT Indonesia membuat pemerintah mengesahkan undang-undang perlindungan anak yang baru.", "Apa hasil advokasi ECPAT Indonesia?", ["d_id11"]),
        ("id", "np", "Budaya patriarki di Nepal disebabkan oleh rendahnya pendidikan.", "Apa penyebab budaya patriarki di Nepal?", ["n_id2"]),
    ],
    "name_changed": [
        ("en", "np", "ECPAT Indonesia cooperated with Nepal to tackle child trafficking in Nepal.", "Which organisation did Nepal cooperate with?", ["n_en3"]),
        ("en", "np", "The partnership was established between Nepal and UNICEF.", "Who did Nepal form a partnership with?", ["n_en3"]),
        ("en", "dz", "ECPAT Indonesia carries out its work through the Zero Tolerance programme.", "Through which programme does ECPAT Indonesia work?", ["d_en7", "d_en6"]),
        ("en", "dz", "The study uses the concept of International Governmental Organizations (IGOs) as a form of the role of NGOs helping the state.", "Which concepts does the ECPAT Indonesia study use?", ["d_en8"]),
        ("en", "dz", "The concept 'Think Global, Act Local' is used to see the state's involvement in responding to global issues.", "Which concept shows the state's involvement?", ["d_en8"]),
        ("id", "np", "Nepal menjalin kerja sama dengan ECPAT Indonesia untuk mengatasi child trafficking.", "Dengan organisasi apa Nepal bekerja sama?", ["n_id3"]),
        ("id", "np", "Kerja sama tersebut terjalin antara Nepal dan UNICEF.", "Nepal bekerja sama dengan siapa?", ["n_id3"]),
        ("id", "dz", "ECPAT Indonesia menjalankan perannya melalui program Zero Tolerance.", "Melalui program apa ECPAT Indonesia berperan?", ["d_id5", "d_id4"]),
        ("id", "dz", "Konsep Local in the Global digunakan untuk melihat keterlibatan negara dalam merespon isu global.", "Konsep apa yang dipakai untuk melihat keterlibatan negara?", ["d_id6"]),
        ("id", "dz", "ECPAT Internasional berperan sebagai mitra pemerintah Indonesia melalui program Down to Zero.", "Siapa yang menjadi mitra pemerintah dalam Down to Zero?", ["d_id10"]),
    ],
    "aim_invented": [
        ("en", "np", "The Nepal study aims to measure how effective ECPAT's programmes were in reducing child trafficking.", "What is the aim of the Nepal study?", ["n_en4"]),
        ("en", "np", "ECPAT's goal in the partnership is to raise funds for its international operations.", "What is ECPAT's goal in the partnership?", ["n_en10"]),
        ("en", "dz", "The study aims to evaluate the impact of Down to Zero on the number of CSEC cases in Indonesia.", "What does the ECPAT Indonesia study aim to do?", ["d_en7"]),
        ("en", "dz", "The Down to Zero programme aims to reform Indonesia's criminal law on child exploitation.", "What is the Down to Zero programme for?", ["d_en6"]),
        ("en", "dz", "The study aims to compare ECPAT Indonesia with other child protection NGOs.", "What is the purpose of the ECPAT Indonesia study?", ["d_en7"]),
        ("id", "np", "Penelitian ini bertujuan mengukur efektivitas program ECPAT dalam menurunkan kasus child trafficking di Nepal.", "Apa tujuan penelitian tentang Nepal?", ["n_id4"]),
        ("id", "np", "Nepal bertujuan memperoleh dana dari ECPAT untuk membangun sekolah.", "Apa tujuan Nepal dalam kerja sama ini?", ["n_id10"]),
        ("id", "dz", "Penelitian ini bertujuan mengevaluasi dampak program Down to Zero terhadap jumlah kasus ESKA.", "Apa tujuan penelitian tentang ECPAT Indonesia?", ["d_id5"]),
        ("id", "dz", "Program Down to Zero bertujuan merevisi undang-undang pidana Indonesia.", "Apa tujuan program Down to Zero?", ["d_id4"]),
        ("id", "np", "Penelitian ini bertujuan menyusun rekomendasi kebijakan bagi pemerintah Nepal.", "Untuk apa penelitian Nepal dilakukan?", ["n_id4"]),
    ],
    "false_premise_accepted": [
        ("en", "np", "Cases fell because Nepal received significant assistance from ECPAT to tackle child trafficking.", "Why did child trafficking cases in Nepal fall after the cooperation with ECPAT?", ["n_en13", "n_en12"]),
        ("en", "dz", "ECPAT Indonesia initiated Down to Zero to combat commercial sexual exploitation of children in the world.", "Why did ECPAT Indonesia initiate the Down to Zero programme?", ["d_en6"]),
        ("en", "dz", "The study used a survey so that it could reach many informants in the ministries and NGOs.", "Why did the ECPAT Indonesia study use a survey?", ["d_en11"]),
        ("en", "np", "Nepal helped ECPAT by giving it support to address the challenges of child trafficking.", "How did Nepal help ECPAT tackle child trafficking?", ["n_en10", "n_en12"]),
        ("en", "np", "ECPAT gained nothing because all the benefits of the cooperation went to Nepal.", "Why does the Nepal study say ECPAT gained nothing from the cooperation?", ["n_en11", "n_en12"]),
        ("id", "np", "Jumlah kasus turun karena Nepal mendapat banyak bantuan dari ECPAT.", "Mengapa jumlah kasus child trafficking di Nepal turun setelah kerja sama dengan ECPAT?", ["n_id13", "n_id12"]),
        ("id", "dz", "ECPAT Indonesia menginisiasi Down to Zero untuk mengentaskan eksploitasi seksual komersial anak di dunia.", "Mengapa ECPAT Indonesia menginisiasi program Down to Zero?", ["d_id4"]),
        ("id", "dz", "Penelitian ini memakai survei agar dapat menjangkau banyak narasumber di kementerian dan NGO.", "Mengapa penelitian ECPAT Indonesia memakai metode survei?", ["d_id9"]),
        ("id", "np", "Nepal membantu ECPAT dengan memberikan bantuan untuk mengatasi tantangan penanganan child trafficking.", "Bagaimana Nepal membantu ECPAT mengatasi child trafficking?", ["n_id10", "n_id12"]),
        ("id", "np", "Kemiskinan tidak termasuk faktor karena penyebab utamanya adalah budaya patriarki.", "Mengapa kemiskinan tidak termasuk faktor child trafficking di Nepal?", ["n_id2"]),
    ],
    "invented_number": [
        ("en", "np", "The Nepal study names three factors behind child trafficking: poverty, low education and patriarchal culture.", "How many factors does the Nepal study name?", ["n_en2"]),
        ("en", "dz", "ECPAT Indonesia plays two roles in the Down to Zero programme.", "How many roles does ECPAT Indonesia play?", ["d_en12", "d_en13", "d_en14"]),
        ("en", "dz", "The author interviewed 12 informants at ECPAT Indonesia and its partners.", "How many informants were interviewed?", ["d_en11"]),
        ("en", "np", "Nepal records around 12,000 child trafficking cases a year.", "How many child trafficking cases does Nepal have?", ["n_en1"]),
        ("en", "dz", "Down to Zero was initiated by five INGOs.", "How many INGOs initiated Down to Zero?", ["d_en6"]),
        ("id", "np", "Studi Nepal menyebut tiga faktor penyebab child trafficking, yaitu kemiskinan, pendidikan rendah, dan budaya patriarki.", "Berapa faktor penyebab yang disebut studi Nepal?", ["n_id2"]),
        ("id", "dz", "ECPAT Indonesia memiliki empat peran dalam program Down to Zero.", "Berapa peran ECPAT Indonesia?", ["d_id10", "d_id11", "d_id12"]),
        ("id", "dz", "Penulis mewawancarai 15 narasumber di kantor pusat ECPAT Indonesia.", "Berapa narasumber yang diwawancarai?", ["d_id9"]),
        ("id", "np", "Nepal mencatat sekitar 10.000 kasus child trafficking setiap tahun.", "Berapa jumlah kasus child trafficking di Nepal?", ["n_id1"]),
        ("id", "dz", "Penelitian dilakukan di tiga kementerian yang menjadi partner ECPAT Indonesia.", "Di berapa kementerian penelitian dilakukan?", ["d_id8"]),
    ],
    "invented_year": [
        ("en", "np", "The cooperation between Nepal and ECPAT began in 2005.", "When did the cooperation between Nepal and ECPAT start?", ["n_en3"]),
        ("en", "dz", "The research on ECPAT Indonesia was conducted in 2019.", "When was the research on ECPAT Indonesia conducted?", ["d_en9"]),
        ("en", "np", "The Nepal study covers child trafficking cases from 2010 to 2018.", "Which years does the Nepal study cover?", ["n_en13"]),
        ("en", "dz", "Indonesia joined the Down to Zero programme in 2012.", "When did Indonesia join Down to Zero?", ["d_en6"]),
        ("en", "np", "Child trafficking cases in Nepal peaked in 2015.", "When were child trafficking cases in Nepal highest?", ["n_en13"]),
        ("id", "np", "Kerja sama Nepal dan ECPAT dimulai pada tahun 2005.", "Kapan kerja sama Nepal dan ECPAT dimulai?", ["n_id3"]),
        ("id", "dz", "Penelitian tentang ECPAT Indonesia dilakukan pada tahun 2019.", "Kapan penelitian ECPAT Indonesia dilakukan?", ["d_id7"]),
        ("id", "np", "Studi ini membahas kasus child trafficking di Nepal dari tahun 2011 hingga 2019.", "Periode berapa yang dibahas studi Nepal?", ["n_id13"]),
        ("id", "dz", "Program Down to Zero mulai dijalankan di Indonesia pada tahun 2012.", "Sejak kapan Down to Zero berjalan di Indonesia?", ["d_id4"]),
        ("id", "np", "Jumlah kasus child trafficking di Nepal mencapai puncaknya pada tahun 2015.", "Kapan kasus child trafficking di Nepal paling tinggi?", ["n_id13"]),
    ],
    "invented_place": [
        ("en", "dz", "The research was conducted at the ECPAT Indonesia head office in Central Jakarta.", "Where was the research conducted?", ["d_en9"]),
        ("en", "np", "The Nepal research was carried out at ECPAT's office in Kathmandu.", "Where was the Nepal research done?", ["n_en7"]),
        ("en", "np", "Nepal has a relatively high rate of child trafficking cases in Southeast Asia.", "How does Nepal compare with its region?", ["n_en1"]),
        ("en", "dz", "The author also did research at ministries and NGOs in Surabaya.", "Where else did the author do research?", ["d_en10"]),
        ("en", "dz", "ECPAT Indonesia's head office is in Bandung.", "Where is ECPAT Indonesia's head office?", ["d_en9"]),
        ("id", "dz", "Penelitian dilakukan di kantor pusat ECPAT Indonesia, Jakarta Pusat.", "Di mana penelitian dilakukan?", ["d_id7"]),
        ("id", "np", "Penelitian tentang Nepal dilakukan di kantor ECPAT di Kathmandu.", "Di mana penelitian Nepal dilakukan?", ["n_id7"]),
        ("id", "np", "Nepal memiliki angka kasus child trafficking yang cukup tinggi di Asia Tenggara.", "Bagaimana posisi Nepal di kawasannya?", ["n_id1"]),
        ("id", "dz", "Penulis juga melakukan penelitian di beberapa kementerian di Yogyakarta.", "Di mana lagi penulis meneliti?", ["d_id8"]),
        ("id", "dz", "Kantor pusat ECPAT Indonesia berada di Medan.", "Di mana kantor pusat ECPAT Indonesia?", ["d_id7"]),
    ],
    "study_swap": [
        ("en", "np", "The Nepal study collected its data through direct interviews with informants.", "How were data collected for the Nepal study?", ["n_en7", "d_en11"]),
        ("en", "dz", "The ECPAT Indonesia study uses international cooperation theory.", "Which theory does the ECPAT Indonesia study use?", ["d_en8", "n_en5"]),
        ("en", "dz", "The number of CSEC cases in Indonesia from 2009 to 2020 did not show a consistent decrease.", "Did CSEC cases in Indonesia decrease?", ["d_en2", "n_en13"]),
        ("en", "np", "In Nepal, ECPAT collaborated with the private sector through several programmes.", "Who did ECPAT collaborate with in Nepal?", ["n_en12", "d_en12"]),
        ("en", "np", "Nepal is one of the destination countries of the Down to Zero programme.", "Is Nepal part of Down to Zero?", ["n_en3", "d_en6"]),
        ("id", "np", "Data penelitian Nepal dikumpulkan melalui wawancara langsung dengan narasumber.", "Bagaimana data penelitian Nepal dikumpulkan?", ["n_id7", "d_id9"]),
        ("id", "dz", "Penelitian ECPAT Indonesia menggunakan teori kerja sama internasional.", "Teori apa yang dipakai penelitian ECPAT Indonesia?", ["d_id6", "n_id5"]),
        ("id", "dz", "Eksploitasi seksual komersial anak di Indonesia didasari oleh kemiskinan, pendidikan yang rendah, budaya patriarki, dan hukum yang kurang memadai.", "Apa penyebab ESKA di Indonesia?", ["d_id2", "n_id2"]),
        ("id", "np", "Studi Nepal menggunakan konsep Global in the Local untuk melihat keterlibatan negara.", "Konsep apa yang dipakai studi Nepal?", ["n_id5", "n_id6", "d_id6"]),
        ("id", "np", "Penelitian Nepal dilakukan di kantor pusat ECPAT Indonesia, Jakarta Selatan.", "Di mana penelitian Nepal dilakukan?", ["n_id7", "d_id7"]),
    ],
    "world_knowledge": [
        ("en", "np", "ECPAT stands for End Child Prostitution, Child Pornography and Trafficking of Children for Sexual Purposes.", "What does ECPAT stand for?", ["n_en3"]),
        ("en", "np", "Many trafficked Nepali children are taken across the open border to India.", "Where are trafficked Nepali children taken?", ["n_en1"]),
        ("en", "dz", "Down to Zero is funded by the Dutch Ministry of Foreign Affairs.", "Who funds Down to Zero?", ["d_en6"]),
        ("en", "dz", "ECPAT International, the network ECPAT Indonesia belongs to, has its secretariat in Bangkok.", "What is ECPAT Indonesia part of?", ["d_en7"]),
        ("en", "np", "The 2015 earthquake in Nepal increased children's vulnerability to trafficking.", "What made Nepali children more vulnerable?", ["n_en2"]),
        ("id", "np", "ECPAT adalah singkatan dari End Child Prostitution, Child Pornography and Trafficking of Children for Sexual Purposes.", "ECPAT singkatan dari apa?", ["n_id3"]),
        ("id", "np", "Banyak anak Nepal diperdagangkan ke India melalui perbatasan terbuka.", "Ke mana anak-anak Nepal diperdagangkan?", ["n_id1"]),
        ("id", "dz", "Program Down to Zero didanai oleh Kementerian Luar Negeri Belanda.", "Siapa yang mendanai Down to Zero?", ["d_id4"]),
        ("id", "dz", "Indonesia memiliki Undang-Undang Nomor 35 Tahun 2014 tentang Perlindungan Anak.", "Kebijakan perlindungan anak apa yang dibahas?", ["d_id11"]),
        ("id", "np", "Gempa bumi tahun 2015 membuat anak-anak Nepal semakin rentan diperdagangkan.", "Apa yang membuat anak Nepal rentan diperdagangkan?", ["n_id2"]),
    ],
    "over_generalisation": [
        ("en", "dz", "The author did research at all ministries of the Indonesian government.", "Where did the author do research?", ["d_en10"]),
        ("en", "dz", "Down to Zero was initiated by all international NGOs working on child protection.", "Who initiated Down to Zero?", ["d_en6"]),
        ("en", "np", "Child trafficking cases in Nepal never decreased in any year between 2009 and 2020.", "How did cases develop between 2009 and 2020?", ["n_en13"]),
        ("en", "np", "Nepal has the highest child trafficking rate in the world.", "How high is child trafficking in Nepal?", ["n_en1"]),
        ("en", "dz", "ECPAT Indonesia collaborates with every NGO in Indonesia.", "Which NGOs does ECPAT Indonesia work with?", ["d_en12"]),
        ("id", "dz", "Penulis melakukan penelitian di seluruh kementerian pemerintah Indonesia.", "Di mana saja penulis meneliti?", ["d_id8"]),
        ("id", "dz", "Program Down to Zero merupakan inisiasi semua INGO di dunia.", "Siapa yang menginisiasi Down to Zero?", ["d_id4"]),
        ("id", "np", "Jumlah kasus child trafficking di Nepal tidak pernah turun sama sekali dari 2009 hingga 2020.", "Bagaimana perkembangan kasus dari 2009 hingga 2020?", ["n_id13"]),
        ("id", "np", "Nepal adalah negara dengan angka child trafficking tertinggi di dunia.", "Seberapa tinggi child trafficking di Nepal?", ["n_id1"]),
        ("id", "dz", "ECPAT Indonesia berkolaborasi dengan semua organisasi non-pemerintah di Indonesia.", "Dengan siapa ECPAT Indonesia berkolaborasi?", ["d_id10"]),
    ],
    "negation_flipped": [
        ("en", "np", "Nepal did not benefit from the cooperation with ECPAT.", "Did Nepal benefit from the cooperation?", ["n_en11"]),
        ("en", "dz", "ECPAT Indonesia does not work with the private sector in the Down to Zero programme.", "Does ECPAT Indonesia work with the private sector?", ["d_en12"]),
        ("en", "dz", "The study did not use interviews to collect data.", "Were interviews used?", ["d_en11"]),
        ("en", "np", "The Nepal study does not use any theory.", "Does the Nepal study use a theory?", ["n_en5"]),
        ("en", "dz", "Indonesia is not a destination country for commercial sex with children.", "Is Indonesia a destination country?", ["d_en5"]),
        ("id", "np", "Nepal tidak mendapat keuntungan dari kerja sama dengan ECPAT.", "Apakah Nepal diuntungkan?", ["n_id11"]),
        ("id", "dz", "ECPAT Indonesia tidak bekerja sama dengan private sector dalam program Down to Zero.", "Apakah ECPAT Indonesia bekerja sama dengan sektor swasta?", ["d_id10"]),
        ("id", "dz", "Penelitian ini tidak menggunakan wawancara dalam pengumpulan data.", "Apakah penelitian ini memakai wawancara?", ["d_id9"]),
        ("id", "np", "Angka kasus child trafficking di Nepal tidak tinggi di Asia Selatan.", "Apakah kasus child trafficking di Nepal tinggi?", ["n_id1"]),
        ("id", "dz", "INGO tidak berperan membantu negara dalam menangani ESKA.", "Apakah INGO membantu negara menangani ESKA?", ["d_id3"]),
    ],
}
# fmt: on


def _clean(sentence: str) -> str:
    return sentence.replace("*", "")


def build_rows() -> list[dict]:
    table = sentence_table()
    rows: list[dict] = []
    for lang, items in VERBATIM.items():
        for study, key, question in items:
            rows.append(
                {
                    "claim": _clean(table[key]),
                    "study": STUDY[study],
                    "language": lang,
                    "label": "faithful",
                    "kind": "verbatim",
                    "question": question,
                    "evidence": [table[key]],
                }
            )
    for kind, items in ROWS.items():
        label = "faithful" if kind in FAITHFUL_KINDS else "false"
        for lang, study, claim, question, keys in items:
            rows.append(
                {
                    "claim": claim,
                    "study": STUDY[study],
                    "language": lang,
                    "label": label,
                    "kind": kind,
                    "question": question,
                    "evidence": [table[k] for k in keys],
                }
            )
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        cells[(row["kind"], row["language"])].append(row)
    rng = random.Random(SEED)
    out: list[dict] = []
    for kind in (*FAITHFUL_KINDS, *FALSE_KINDS):
        for lang in ("en", "id"):
            cell = cells[(kind, lang)]
            held = set(rng.sample(range(len(cell)), round(len(cell) / 3)))
            for i, row in enumerate(cell):
                out.append(
                    {
                        "id": f"{kind}-{lang}-{i + 1:02d}",
                        **{k: row[k] for k in ("claim", "study", "language", "label", "kind")},
                        "question": row["question"],
                        "evidence": row["evidence"],
                        "split": "heldout" if i in held else "dev",
                    }
                )
    return out


def main() -> None:
    rows = build_rows()
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    faithful = sum(r["label"] == "faithful" for r in rows)
    print(f"{len(rows)} rows ({faithful} faithful, {len(rows) - faithful} false) -> {OUT}")


if __name__ == "__main__":
    main()
