"""Writes questions.jsonl from the table below (kept as code so rows stay reviewable); run once after
editing: python eval/datasets/mixed/build_questions.py. Checks every reference context against its doc."""

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
SPLITS = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))

# (id, doc, question language, qtype, question, reference, contexts, facts); qtype "none" = unanswerable
ROWS = [
    # --- id-kader-desa-lombok-timur (dev) ---
    ("kader-1", "id-kader-desa-lombok-timur", "en", "how many", "How many village cadres did the programme in East Lombok train?",
     "The programme trained 45 village cadres, three from each of the 15 villages.", ["melatih 45 kader desa"], ["45", "kader|cadre"]),
    ("kader-2", "id-kader-desa-lombok-timur", "en", "who", "Which organisation ran the village child protection cadre programme in East Lombok?",
     "It was run by Yayasan Pelita Anak Rinjani together with the district women's empowerment and child protection office.", ["dilaksanakan oleh Yayasan Pelita Anak Rinjani"], ["Pelita Anak Rinjani"]),
    ("kader-3", "id-kader-desa-lombok-timur", "en", "trend", "How did child marriage cases change in the East Lombok programme villages between 2021 and 2023?",
     "Recorded child marriage cases fell from 27 in 2021 to 12 in 2023.", ["turun dari 27 kasus pada tahun 2021 menjadi 12 kasus pada tahun 2023"], ["27", "12"]),
    ("kader-4", "id-kader-desa-lombok-timur", "en", "finding", "Why did reports of violence against children rise in the Lombok Timur programme?",
     "Reports rose from 31 in 2021 to 58 in 2023, which the team saw as people being more willing to report, not as more violence.",
     ["naik dari 31 laporan pada tahun 2021 menjadi 58 laporan pada tahun 2023", "warga semakin berani melapor"], ["31", "58", "melapor|report"]),
    ("kader-5", "id-kader-desa-lombok-timur", "en", "method", "Who carried out the final evaluation of the East Lombok cadre programme, and how?",
     "The Gender Studies Centre of Universitas Mataram evaluated it with a survey of 600 households.", ["Pusat Studi Gender Universitas Mataram melalui survei terhadap 600 rumah tangga"], ["Mataram", "600"]),
    ("kader-6", "id-kader-desa-lombok-timur", "id", "how many", "Berapa persen warga yang tahu cara melaporkan kekerasan terhadap anak pada survei akhir di Lombok Timur?",
     "Pada survei akhir 71 persen warga mengetahui cara melapor, naik dari 38 persen pada survei awal.", ["meningkat dari 38 persen pada survei awal menjadi 71 persen pada survei akhir"], ["71"]),
    ("kader-7", "id-kader-desa-lombok-timur", "en", "finding", "How many cadres left the East Lombok programme early, and why?",
     "Nine cadres resigned before the programme ended because they received no incentive.", ["Sembilan kader mengundurkan diri sebelum program selesai karena tidak menerima insentif"], ["sembilan|nine|9", "insentif|incentive"]),
    ("kader-8", "id-kader-desa-lombok-timur", "en", "none", "What was the average age of the village cadres trained in East Lombok?",
     "The report does not give the cadres' ages.", [], []),
    # --- id-akta-kelahiran-sumba-barat-daya (dev) ---
    ("akta-1", "id-akta-kelahiran-sumba-barat-daya", "en", "how many", "What share of children in Southwest Sumba had a birth certificate before the mobile service started?",
     "Only 52 percent of children aged 0-17 had a birth certificate before the programme.", ["hanya 52 persen anak berusia 0-17 tahun"], ["52"]),
    ("akta-2", "id-akta-kelahiran-sumba-barat-daya", "en", "how many", "How many birth certificates did the mobile registration service in Sumba Barat Daya issue?",
     "Over four years the mobile service issued 12,400 birth certificates.", ["menerbitkan 12.400 akta kelahiran"], ["12.400|12,400|12400"]),
    ("akta-3", "id-akta-kelahiran-sumba-barat-daya", "en", "how many", "How many mobile service vehicles does the Akta Keliling birth registration service use?",
     "It uses three mobile service cars.", ["tiga mobil layanan keliling"], ["tiga|three|3"]),
    ("akta-4", "id-akta-kelahiran-sumba-barat-daya", "en", "trend", "Why is the registration of newborns in Southwest Sumba still lagging behind?",
     "Only 44 percent of children under one had a certificate in 2022, because many families wait until the child starts school.",
     ["Hanya 44 persen anak berusia di bawah satu tahun", "menunggu anak masuk sekolah sebelum mengurus akta"], ["44", "sekolah|school"]),
    ("akta-5", "id-akta-kelahiran-sumba-barat-daya", "en", "finding", "What obstacles did parents in Southwest Sumba mention for getting a birth certificate?",
     "Transport costs to the office, lacking a marriage book or marriage documents, and too little information about the benefits.",
     ["biaya transportasi ke kantor dinas, ketiadaan buku nikah atau dokumen perkawinan"], ["transport", "buku nikah|marriage"]),
    ("akta-6", "id-akta-kelahiran-sumba-barat-daya", "id", "trend", "Berapa cakupan akta kelahiran anak di Sumba Barat Daya pada akhir tahun 2022?",
     "Cakupan akta kelahiran naik menjadi 81 persen pada akhir tahun 2022.", ["Pada akhir tahun 2022 cakupan tersebut naik menjadi 81 persen"], ["81"]),
    ("akta-7", "id-akta-kelahiran-sumba-barat-daya", "en", "who", "Which organisation supports the civil registry office in running the mobile birth registration service in Sumba?",
     "Lembaga Sahabat Keluarga Sumba has supported it since 2019.", ["dukungan Lembaga Sahabat Keluarga Sumba sejak tahun 2019"], ["Sahabat Keluarga Sumba"]),
    ("akta-8", "id-akta-kelahiran-sumba-barat-daya", "en", "none", "How much does one trip of the Akta Keliling mobile service cost the district?",
     "The report does not give the cost of a trip.", [], []),
    # --- id-pekerja-anak-sawit-sanggau (dev) ---
    ("sawit-1", "id-pekerja-anak-sawit-sanggau", "en", "how many", "How many children were interviewed in the study on child labour on oil palm plantations in Sanggau?",
     "The study interviewed 32 children aged 10-17 and 14 parents.", ["wawancara mendalam terhadap 32 anak berusia 10-17 tahun dan 14 orang tua"], ["32"]),
    ("sawit-2", "id-pekerja-anak-sawit-sanggau", "en", "what", "What work do children most often do on the oil palm plantations in Sanggau?",
     "They most often collect loose palm fruits (brondolan) that have fallen to the ground.", ["mengumpulkan brondolan"], ["brondolan|loose fruit"]),
    ("sawit-3", "id-pekerja-anak-sawit-sanggau", "en", "finding", "How does the premium pay system push children into plantation work in Sanggau?",
     "Extra pay when the harvest target is exceeded leads parents to bring children to the plantation on weekends and school holidays.",
     ["Sistem premi, yaitu upah tambahan jika target panen terlampaui"], ["premi|premium|bonus", "target"]),
    ("sawit-4", "id-pekerja-anak-sawit-sanggau", "en", "trend", "How did the share of working children and their working hours change in the Sanggau study villages?",
     "The share of school-age children working fell from 23 percent in 2018 to 17 percent in 2022, but the working hours of those still working rose from 9 to 14 hours a week.",
     ["turun dari 23 persen pada tahun 2018 menjadi 17 persen pada tahun 2022", "naik dari 9 jam menjadi 14 jam per minggu"], ["23", "17", "14"]),
    ("sawit-5", "id-pekerja-anak-sawit-sanggau", "en", "who", "Who wrote the thesis on child labour in Sanggau, and at which university?",
     "Ratna Sari Dewi of the Sociology programme at Universitas Tanjungpura.", ["Ratna Sari Dewi dari Program Studi Sosiologi, Universitas Tanjungpura"], ["Ratna Sari Dewi", "Tanjungpura"]),
    ("sawit-6", "id-pekerja-anak-sawit-sanggau", "id", "how many", "Berapa anak yang diwawancarai sudah putus sekolah dalam penelitian di Sanggau?",
     "Lima dari 32 anak yang diwawancarai telah putus sekolah.", ["Lima dari 32 anak yang diwawancarai telah putus sekolah"], ["lima|five|5"]),
    ("sawit-7", "id-pekerja-anak-sawit-sanggau", "en", "finding", "What safety risks do children face when collecting palm fruit in Sanggau?",
     "They are pricked by frond thorns and carry sacks heavier than 15 kilograms, without gloves or safety shoes.",
     ["tertusuk duri pelepah sawit", "lebih dari 15 kilogram"], ["duri|thorn", "15"]),
    ("sawit-8", "id-pekerja-anak-sawit-sanggau", "en", "none", "How much money did the children earn per day on the Sanggau plantations?",
     "The thesis does not say how much the children earned.", [], []),
    # --- id-diversi-peradilan-anak-makassar (heldout) ---
    ("diversi-1", "id-diversi-peradilan-anak-makassar", "en", "how many", "How many cases of children in conflict with the law were recorded in Makassar between 2019 and 2023?",
     "214 cases were recorded over the five years.", ["tercatat 214 perkara anak yang berhadapan dengan hukum"], ["214"]),
    ("diversi-2", "id-diversi-peradilan-anak-makassar", "en", "finding", "What share of diversion attempts in Makassar reached an agreement?",
     "Diversion was attempted in 163 cases and 118 reached an agreement, about 72 percent.", ["118 perkara di antaranya berhasil mencapai kesepakatan diversi, atau sekitar 72 persen"], ["72|118"]),
    ("diversi-3", "id-diversi-peradilan-anak-makassar", "en", "finding", "How does reoffending after diversion compare with reoffending after prison in Makassar?",
     "9 percent of children reoffended within two years after diversion, against 27 percent after a prison sentence.",
     ["Tingkat pengulangan tindak pidana di antara anak yang menjalani diversi adalah 9 persen dalam dua tahun, jauh lebih rendah daripada 27 persen"], ["9", "27"]),
    ("diversi-4", "id-diversi-peradilan-anak-makassar", "en", "finding", "Why does diversion rarely succeed in sexual violence cases in Makassar?",
     "Because the victims' families usually refuse reconciliation.", ["keluarga korban biasanya menolak perdamaian"], ["menolak|refuse|reject"]),
    ("diversi-5", "id-diversi-peradilan-anak-makassar", "en", "how many", "How many children does each probation officer of the Balai Pemasyarakatan handle at once in Makassar?",
     "On average each officer handles 35 children at once.", ["setiap pembimbing rata-rata menangani 35 anak sekaligus"], ["35"]),
    ("diversi-6", "id-diversi-peradilan-anak-makassar", "id", "trend", "Bagaimana tingkat keberhasilan diversi di Makassar pada tahun 2023?",
     "Pada tahun 2023 jumlah perkara naik, sedangkan tingkat keberhasilan diversi turun menjadi 61 persen.", ["tingkat keberhasilan diversi turun menjadi 61 persen"], ["61"]),
    ("diversi-7", "id-diversi-peradilan-anak-makassar", "en", "who", "Which organisation evaluated juvenile diversion in Makassar?",
     "Lembaga Bantuan Hukum Anak Sulawesi carried out the study.", ["dilakukan oleh Lembaga Bantuan Hukum Anak Sulawesi"], ["Bantuan Hukum Anak Sulawesi"]),
    ("diversi-8", "id-diversi-peradilan-anak-makassar", "en", "none", "How many of the Makassar juvenile cases involved girls?",
     "The study does not say how many cases involved girls.", [], []),
    # --- id-pengasuhan-keluarga-yogyakarta (heldout) ---
    ("asuh-1", "id-pengasuhan-keluarga-yogyakarta", "en", "trend", "How many children lived in the partner children's homes in Yogyakarta at the start and at the end of the programme?",
     "410 children at the start, 265 at the end of 2023.", ["410 anak tinggal di 14 LKSA", "turun menjadi 265 anak"], ["410", "265"]),
    ("asuh-2", "id-pengasuhan-keluarga-yogyakarta", "en", "how many", "How many children were placed with foster families in the Yogyakarta programme?",
     "37 children were placed with assessed and trained foster families.", ["37 anak ditempatkan pada keluarga asuh"], ["37"]),
    ("asuh-3", "id-pengasuhan-keluarga-yogyakarta", "en", "how many", "How many children went back to their birth parents under the Family for Every Child programme in Yogyakarta?",
     "96 children were returned to their birth parents.", ["96 anak dikembalikan kepada orang tua kandung"], ["96"]),
    ("asuh-4", "id-pengasuhan-keluarga-yogyakarta", "en", "finding", "Which foster placements in Yogyakarta broke down?",
     "Five foster placements ended and the children returned to the homes, mostly teenagers over 14.",
     ["Lima penempatan pada keluarga asuh berakhir", "anak remaja berusia di atas 14 tahun"], ["lima|five|5", "14|remaja|adolescent|teen"]),
    ("asuh-5", "id-pengasuhan-keluarga-yogyakarta", "en", "finding", "Why did some children's homes in Yogyakarta resist the family-based care programme?",
     "They feared losing donors who give according to the number of children living in the home.", ["khawatir kehilangan donatur"], ["donatur|donor"]),
    ("asuh-6", "id-pengasuhan-keluarga-yogyakarta", "id", "how many", "Berapa bantuan usaha yang diterima keluarga yang menerima anaknya kembali di Yogyakarta?",
     "Keluarga tersebut mendapat bantuan usaha kecil sebesar Rp 3 juta.", ["bantuan usaha kecil sebesar Rp 3 juta"], ["3 juta|3 million"]),
    ("asuh-7", "id-pengasuhan-keluarga-yogyakarta", "en", "how many", "How many social workers did the Yogyakarta family-based care programme train?",
     "It trained 22 social workers for assessment and support.", ["Program melatih 22 pekerja sosial"], ["22"]),
    ("asuh-8", "id-pengasuhan-keluarga-yogyakarta", "en", "none", "How much did the Yogyakarta family-based care programme cost in total?",
     "The report does not give the programme's total cost.", [], []),
    # --- en-child-marriage-dispensation-cianjur (dev) ---
    ("cianjur-1", "en-child-marriage-dispensation-cianjur", "id", "trend", "Berapa permohonan dispensasi kawin di Cianjur pada tahun 2019 dan 2020?",
     "Permohonan dispensasi naik dari 312 pada tahun 2019 menjadi 905 pada tahun 2020.", ["rose sharply from 312 in 2019 to 905 in 2020"], ["312", "905"]),
    ("cianjur-2", "en-child-marriage-dispensation-cianjur", "id", "how many", "Berapa persen permohonan dispensasi kawin yang dikabulkan pengadilan agama di Cianjur?",
     "Pengadilan mengabulkan 94 persen permohonan.", ["The courts granted 94 percent of the requests"], ["94"]),
    ("cianjur-3", "en-child-marriage-dispensation-cianjur", "id", "method", "Berapa banyak studi yang ditinjau dalam kajian perkawinan anak di Cianjur?",
     "Kajian itu meninjau 27 studi dan laporan program, ditambah data pengadilan agama.", ["a review of 27 published studies and programme reports"], ["27"]),
    ("cianjur-4", "en-child-marriage-dispensation-cianjur", "id", "finding", "Apakah program bantuan tunai berpengaruh terhadap usia perkawinan di Cianjur?",
     "Tidak: program bantuan tunai tidak menunjukkan pengaruh yang jelas terhadap usia perkawinan di Cianjur.", ["cash transfer programmes had no clear effect on marriage age in Cianjur"], ["bantuan tunai|cash transfer"]),
    ("cianjur-5", "en-child-marriage-dispensation-cianjur", "id", "how many", "Berapa desa di Cianjur yang menetapkan peraturan desa yang melarang perkawinan anak?",
     "Peraturan desa dibuat di 38 desa, tetapi jarang ditegakkan.", ["Village regulations banning child marriage were adopted in 38 villages"], ["38"]),
    ("cianjur-6", "en-child-marriage-dispensation-cianjur", "en", "what", "What is the minimum marriage age for girls after the 2019 reform described in the Cianjur review?",
     "It was raised from 16 to 19 years.", ["raised the minimum marriage age for girls from 16 to 19 years in 2019"], ["19"]),
    ("cianjur-7", "en-child-marriage-dispensation-cianjur", "id", "who", "Siapa yang menulis kajian tentang dispensasi kawin di Cianjur?",
     "Kajian itu ditulis oleh Bandung Institute for Family Policy pada tahun 2024.", ["written by the Bandung Institute for Family Policy in 2024"], ["Bandung Institute for Family Policy"]),
    ("cianjur-8", "en-child-marriage-dispensation-cianjur", "id", "none", "Berapa rata-rata usia anak perempuan yang menikah melalui dispensasi di Cianjur?",
     "Kajian itu tidak menyebutkan rata-rata usia anak perempuan yang menikah.", [], []),
    # --- en-online-exploitation-helpline-report (dev) ---
    ("safenet-1", "en-online-exploitation-helpline-report", "id", "trend", "Berapa laporan yang diterima helpline SafeNet Asia pada tahun 2023?",
     "Helpline menerima 3.480 laporan pada tahun 2023, naik dari 2.150 pada tahun 2022.", ["In 2023 the helpline received 3,480 reports, up from 2,150 in 2022"], ["3.480|3,480|3480"]),
    ("safenet-2", "en-online-exploitation-helpline-report", "id", "how many", "Berapa persen laporan ke SafeNet Asia yang berupa sextortion?",
     "Sextortion mencakup 61 persen dari semua laporan.", ["made up 61 percent of all reports"], ["61"]),
    ("safenet-3", "en-online-exploitation-helpline-report", "id", "trend", "Berapa median waktu penurunan konten pada tahun 2023 menurut laporan SafeNet Asia?",
     "Median waktu penurunan konten adalah 36 jam, membaik dari 72 jam pada tahun 2022.", ["The median time until content was taken down was 36 hours"], ["36"]),
    ("safenet-4", "en-online-exploitation-helpline-report", "id", "how many", "Berapa laporan dari Indonesia yang diterima helpline SafeNet Asia?",
     "Sebanyak 1.620 laporan berasal dari Indonesia.", ["Indonesia accounted for 1,620 of the reports"], ["1.620|1,620|1620"]),
    ("safenet-5", "en-online-exploitation-helpline-report", "id", "finding", "Berapa laporan ke helpline SafeNet Asia yang berujung pada penyelidikan polisi dan vonis?",
     "Hanya 212 laporan yang berujung pada penyelidikan polisi, dan koalisi mengetahui 19 vonis.", ["only 212 reports led to a police investigation", "19 convictions"], ["212", "19"]),
    ("safenet-6", "en-online-exploitation-helpline-report", "en", "how many", "What was the median age of the victims reported to the SafeNet Asia helpline?",
     "The median age was 14; most victims were 13 to 16.", ["the median age was 14"], ["14"]),
    ("safenet-7", "en-online-exploitation-helpline-report", "id", "where", "Di platform mana pelaku pertama kali menghubungi anak menurut laporan SafeNet Asia?",
     "Kontak pertama paling sering terjadi di media sosial dan platform game online.", ["first contact with offenders happened on social media and online gaming platforms"], ["media sosial|social media", "game|gaming"]),
    ("safenet-8", "en-online-exploitation-helpline-report", "id", "none", "Berapa anggaran tahunan koalisi SafeNet Asia?",
     "Laporan itu tidak menyebutkan anggaran koalisi.", [], []),
    # --- en-safe-schools-kupang-trial (dev) ---
    ("kupang-1", "en-safe-schools-kupang-trial", "id", "how many", "Berapa sekolah yang ikut dalam uji coba Safe Schools Together di Kupang?",
     "48 SMP negeri ikut: 24 sekolah program dan 24 sekolah kontrol.", ["48 public junior high schools were randomly assigned"], ["48"]),
    ("kupang-2", "en-safe-schools-kupang-trial", "id", "finding", "Bagaimana perubahan perundungan di sekolah program Safe Schools Together?",
     "Siswa yang melaporkan dirundung turun dari 41 persen menjadi 29 persen di sekolah program, dibanding 40 ke 37 persen di sekolah kontrol.",
     ["fell from 41 percent to 29 percent in programme schools"], ["41", "29"]),
    ("kupang-3", "en-safe-schools-kupang-trial", "id", "finding", "Apakah hukuman fisik oleh guru berkurang dalam program di Kupang?",
     "Hanya sedikit: dari 18 persen menjadi 15 persen, dan perbedaannya dengan sekolah kontrol tidak signifikan secara statistik.",
     ["fell only slightly, from 18 percent to 15 percent"], ["18", "15"]),
    ("kupang-4", "en-safe-schools-kupang-trial", "id", "how many", "Berapa biaya program Safe Schools Together per siswa?",
     "Sekitar 11 dolar AS per siswa per tahun, sebagian besar untuk pelatihan guru.", ["about 11 US dollars per student per year"], ["11"]),
    ("kupang-5", "en-safe-schools-kupang-trial", "id", "method", "Metode penelitian apa yang dipakai untuk menguji program Safe Schools Together di Kupang?",
     "Uji coba terkontrol acak berklaster (cluster randomised controlled trial) dengan 24 sekolah program dan 24 sekolah kontrol.",
     ["The study was a cluster randomised controlled trial"], ["acak|randomi", "klaster|cluster"]),
    ("kupang-6", "en-safe-schools-kupang-trial", "en", "how many", "How many students took part in the Safe Schools Together surveys?",
     "6,200 students aged 12 to 15 took part in the surveys.", ["In total 6,200 students aged 12 to 15 took part in the surveys"], ["6.200|6,200|6200"]),
    ("kupang-7", "en-safe-schools-kupang-trial", "id", "who", "Lembaga apa yang memimpin uji coba program antikekerasan di sekolah di Kupang?",
     "Uji coba dipimpin oleh peneliti Timor Centre for Child Wellbeing bersama Dinas Pendidikan Kota Kupang.", ["led by researchers from the Timor Centre for Child Wellbeing"], ["Timor Centre for Child Wellbeing"]),
    ("kupang-8", "en-safe-schools-kupang-trial", "id", "none", "Berapa jumlah guru yang dilatih dalam program Safe Schools Together?",
     "Laporan itu tidak menyebutkan jumlah guru yang dilatih.", [], []),
    # --- en-child-friendly-spaces-palu (heldout) ---
    ("palu-1", "en-child-friendly-spaces-palu", "id", "how many", "Berapa ruang ramah anak yang dibuka setelah gempa Palu tahun 2018?",
     "Lembaga kemanusiaan membuka 42 ruang ramah anak dalam enam minggu.", ["agencies opened 42 child-friendly spaces"], ["42"]),
    ("palu-2", "en-child-friendly-spaces-palu", "id", "how many", "Berapa anak yang dijangkau ruang ramah anak di Sulawesi Tengah dalam enam bulan pertama?",
     "Sekitar 6.300 anak dalam enam bulan pertama.", ["reached about 6,300 children in the first six months"], ["6.300|6,300|6300"]),
    ("palu-3", "en-child-friendly-spaces-palu", "id", "finding", "Berapa persen anak yang menunjukkan tanda tekanan psikologis berat dalam skrining di Palu?",
     "18 persen dari 2.450 anak yang diskrining menunjukkan tanda tekanan berat.", ["18 percent showed signs of severe distress"], ["18"]),
    ("palu-4", "en-child-friendly-spaces-palu", "id", "how many", "Berapa anak terpisah yang berhasil dipertemukan kembali dengan keluarganya setelah bencana di Palu?",
     "127 dari 163 anak terpisah atau tanpa pendamping dipertemukan kembali dengan keluarganya sampai Maret 2019.", ["reunited 127 of them with their families by March 2019"], ["127"]),
    ("palu-5", "en-child-friendly-spaces-palu", "id", "trend", "Mengapa jumlah ruang ramah anak di Palu berkurang pada tahun 2019?",
     "Pendanaan turun lebih dari separuh pada 2019, dan pada akhir 2019 hanya 9 ruang ramah anak yang masih buka.",
     ["Funding fell by more than half in 2019", "only 9 child-friendly spaces were still open"], ["dana|funding", "9|sembilan|nine"]),
    ("palu-6", "en-child-friendly-spaces-palu", "en", "finding", "Why did adolescent girls rarely attend the child-friendly spaces in Palu?",
     "Because the activities were designed mainly for younger children.", ["the activities were designed mainly for younger children"], ["younger|lebih kecil|lebih muda"]),
    ("palu-7", "en-child-friendly-spaces-palu", "id", "when", "Kapan gempa dan tsunami di Sulawesi Tengah terjadi menurut makalah pembelajaran tersebut?",
     "Pada 28 September 2018.", ["on 28 September 2018"], ["28 September", "2018"]),
    ("palu-8", "en-child-friendly-spaces-palu", "id", "none", "Berapa jumlah relawan yang bekerja di ruang ramah anak di Palu?",
     "Makalah itu tidak menyebutkan jumlah relawan.", [], []),
    # --- en-street-children-medan-outreach (heldout) ---
    ("medan-1", "en-street-children-medan-outreach", "id", "how many", "Berapa anak jalanan yang dijangkau program Jalan Pulang di Medan?",
     "Petugas penjangkauan menjangkau 780 anak selama empat tahun.", ["Outreach workers made contact with 780 children over the four years"], ["780"]),
    ("medan-2", "en-street-children-medan-outreach", "id", "how many", "Berapa anak jalanan di Medan yang kembali tinggal bersama keluarganya pada akhir 2023?",
     "Sebanyak 214 anak kembali tinggal bersama keluarganya.", ["214 children had gone back to live with their families"], ["214"]),
    ("medan-3", "en-street-children-medan-outreach", "id", "finding", "Berapa persen anak program Jalan Pulang yang masih tinggal bersama keluarga enam bulan setelah pulang?",
     "71 persen anak yang pulang masih tinggal bersama keluarganya.", ["71 percent of the children who had returned home were still living with their families"], ["71"]),
    ("medan-4", "en-street-children-medan-outreach", "id", "how many", "Berapa lama rumah singgah Jalan Pulang di Medan ditutup selama pembatasan COVID-19?",
     "Rumah singgah ditutup selama tujuh bulan.", ["the drop-in centre was closed for seven months"], ["tujuh|seven|7"]),
    ("medan-5", "en-street-children-medan-outreach", "id", "finding", "Apa dampak razia anak jalanan oleh pemerintah kota terhadap penjangkauan di Medan?",
     "Razia membuat anak tidak percaya pada petugas, dan kontak pertama turun sepertiga setelah setiap razia.",
     ["made children distrust outreach workers", "fell by a third"], ["sepertiga|third"]),
    ("medan-6", "en-street-children-medan-outreach", "en", "how many", "How many children re-enrolled in school through the Jalan Pulang programme?",
     "167 children re-enrolled in school or in the Kejar Paket non-formal education programme.", ["167 had re-enrolled in school"], ["167"]),
    ("medan-7", "en-street-children-medan-outreach", "id", "who", "Siapa yang menjalankan program Jalan Pulang untuk anak jalanan di Medan?",
     "Program itu dijalankan oleh Yayasan Rumah Singgah Deli.", ["run by Yayasan Rumah Singgah Deli"], ["Rumah Singgah Deli"]),
    ("medan-8", "en-street-children-medan-outreach", "id", "none", "Berapa anggaran tahunan program Jalan Pulang di Medan?",
     "Tinjauan itu tidak menyebutkan anggaran program.", [], []),
]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def main() -> None:
    split_of = {doc: name for name, docs in SPLITS.items() if name in ("dev", "heldout") for doc in docs}
    docs = {p.stem: norm(p.read_text(encoding="utf-8")) for p in (HERE / "docs").glob("*.md")}
    lines = []
    for qid, doc, lang, qtype, question, reference, contexts, facts in ROWS:
        for phrase in contexts:
            assert norm(phrase) in docs[doc], (qid, phrase)
        answerable = qtype != "none"
        assert answerable == bool(contexts), qid
        row = {
            "id": f"mixed-{qid}",
            "user_input": question,
            "language": lang,
            "doc": doc,
            "doc_language": doc[:2],
            "answerable": answerable,
            "kind": "single" if answerable else "unanswerable",
            "qtype": qtype if answerable else "unanswerable",
            "reference": reference,
            "reference_contexts": contexts,
            "reference_facts": facts,
            "study": [doc],
            "split": split_of[doc],
        }
        lines.append(json.dumps(row, ensure_ascii=False))
    (HERE / "questions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} rows")


if __name__ == "__main__":
    main()
