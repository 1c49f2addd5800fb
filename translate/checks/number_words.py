"""Number words as num2words writes them (two to twelve, then the tens), in each of its
languages, for the quantity check (``translate.checks.quantities``).

Importing num2words loads all of its fifty-odd languages: a fifth of the checks' time on a
one-article run, for the two languages it needs. So the words are kept here as num2words
{VERSION} writes them, and read from here while that is the version installed (its
``dist-info`` folder beside the package says so); any other version, or a language not here,
is asked instead. ``tests/checks/test_number_words.py`` compares every entry with num2words,
and shows the entries to write here when a new version of num2words changes them.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path

VERSION = "0.5.14"
# The values of the words below (each language's parted by |), in order.
VALUES = (*range(2, 13), *range(20, 100, 10))
WORDS: dict[str, str] = {
    "am": ("ሁለት|ሦስት|አራት|አምስት|ስድስት|ሰባት|ስምንት|ዘጠኝ|አሥር|አሥራ አንድ|አሥራ ሁለት|ሃያ|ሠላሳ|አርባ|አምሳ|ስድሳ|ሰባ|ሰማኒያ|ዘጠና"),
    "ar": (
        "اثنان|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة|أحد عشر|اثنا عشر|عشرون|"
        "ثلاثون|أربعون|خمسون|ستون|سبعون|ثمانون|تسعون"
    ),
    "az": (
        "iki|üç|dörd|beş|altı|yeddi|səkkiz|doqquz|on|on bir|on iki|iyirmi|otuz|qırx|"
        "əlli|altmış|yetmiş|səksən|doxsan"
    ),
    "be": (
        "два|тры|чатыры|пяць|шэсць|сем|восем|дзевяць|дзесяць|адзінаццаць|дванаццаць|"
        "дваццаць|трыццаць|сорак|пяцьдзясят|шэсцьдзясят|семдзесят|восемдзесят|"
        "дзевяноста"
    ),
    "bn": ("দুই|তিন|চার|পাঁচ|ছয়|সাত|আট|নয়|দশ|এগারো|বারো|বিশ|ত্রিশ|চল্লিশ|পঞ্চাশ|ষাট|সত্তর|আশি|নব্বই"),
    "ca": (
        "dos|tres|quatre|cinc|sis|set|vuit|nou|deu|onze|dotze|vint|trenta|quaranta|"
        "cinquanta|seixanta|setanta|vuitanta|noranta"
    ),
    "ce": (
        "шиъ|кхоъ|диъ|пхиъ|ялх|ворхӀ|бархӀ|исс|итт|цхьайтта|шийтта|ткъа|ткъе итт|"
        "шовзткъа|шовзткъе итт|кхузткъа|кхузткъе итт|дезткъа|дезткъе итт"
    ),
    "cs": (
        "dva|tři|čtyři|pět|šest|sedm|osm|devět|deset|jedenáct|dvanáct|dvacet|třicet|"
        "čtyřicet|padesát|šedesát|sedmdesát|osmdesát|devadesát"
    ),
    "cy": (
        "dau|tri|pedwar|pump|chwech|saith|wyth|naw|deg|un ar ddeg|deuddeg|ugain|"
        "deg ar hugain|deugain|hanner cant|trigain|deg a thrigain|pedwar ugain|"
        "deg a phedwar ugain"
    ),
    "da": (
        "to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tyve|tredive|fyrre|halvtreds|"
        "treds|halvfjerds|firs|halvfems"
    ),
    "de": (
        "zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|"
        "vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig"
    ),
    "en": (
        "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
        "forty|fifty|sixty|seventy|eighty|ninety"
    ),
    "en_IN": (
        "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
        "forty|fifty|sixty|seventy|eighty|ninety"
    ),
    "en_NG": (
        "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
        "forty|fifty|sixty|seventy|eighty|ninety"
    ),
    "eo": (
        "du|tri|kvar|kvin|ses|sep|ok|naŭ|dek|dek unu|dek du|dudek|tridek|kvardek|"
        "kvindek|sesdek|sepdek|okdek|naŭdek"
    ),
    "es": (
        "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|"
        "cuarenta|cincuenta|sesenta|setenta|ochenta|noventa"
    ),
    "es_CO": (
        "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|"
        "cuarenta|cincuenta|sesenta|setenta|ochenta|noventa"
    ),
    "es_CR": (
        "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|"
        "cuarenta|cincuenta|sesenta|setenta|ochenta|noventa"
    ),
    "es_GT": (
        "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|"
        "cuarenta|cincuenta|sesenta|setenta|ochenta|noventa"
    ),
    "es_NI": (
        "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|"
        "cuarenta|cincuenta|sesenta|setenta|ochenta|noventa"
    ),
    "es_VE": (
        "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|"
        "cuarenta|cincuenta|sesenta|setenta|ochenta|noventa"
    ),
    "fa": ("دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|یازده|دوازده|بیست|سی|چهل|پنجاه|شصت|هفتاد|هشتاد|نود"),
    "fi": (
        "kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän|kymmenen|"
        "yksitoista|kaksitoista|kaksikymmentä|kolmekymmentä|neljäkymmentä|"
        "viisikymmentä|kuusikymmentä|seitsemänkymmentä|kahdeksankymmentä|"
        "yhdeksänkymmentä"
    ),
    "fr": (
        "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|"
        "quarante|cinquante|soixante|soixante-dix|quatre-vingts|quatre-vingt-dix"
    ),
    "fr_BE": (
        "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|"
        "quarante|cinquante|soixante|septante|quatre-vingt|nonante"
    ),
    "fr_CH": (
        "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|"
        "quarante|cinquante|soixante|septante|huitante|nonante"
    ),
    "fr_DZ": (
        "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|"
        "quarante|cinquante|soixante|soixante-dix|quatre-vingts|quatre-vingt-dix"
    ),
    "he": (
        "שתיים|שלוש|ארבע|חמש|שש|שבע|שמונה|תשע|עשר|אחת עשרה|שתים עשרה|עשרים|שלושים|"
        "ארבעים|חמישים|שישים|שבעים|שמונים|תשעים"
    ),
    "hu": (
        "kettő|három|négy|öt|hat|hét|nyolc|kilenc|tíz|tizenegy|tizenkettő|húsz|harminc|"
        "negyven|ötven|hatvan|hetven|nyolcvan|kilencven"
    ),
    "id": (
        "dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|dua belas|"
        "dua puluh|tiga puluh|empat puluh|lima puluh|enam puluh|tujuh puluh|"
        "delapan puluh|sembilan puluh"
    ),
    "is": (
        "tveir|þrír|fjórir|fimm|sex|sjö|átta|níu|tíu|ellefu|tólf|tuttugu|þrjátíu|"
        "fjörutíu|fimmtíu|sextíu|sjötíu|áttatíu|níutíu"
    ),
    "it": (
        "due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|venti|trenta|"
        "quaranta|cinquanta|sessanta|settanta|ottanta|novanta"
    ),
    "ja": ("二|三|四|五|六|七|八|九|十|十一|十二|二十|三十|四十|五十|六十|七十|八十|九十"),
    "kn": (
        "ಎರಡು|ಮೂರು|ನಾಲ್ಕು|ಐದು|ಆರು|ಏಳು|ಎಂಟು|ಒಂಬತ್ತು|ಹತ್ತು|ಹನ್ನೊಂದು|ಹನ್ನೆರಡು|ಇಪ್ಪತ್ತು|"
        "ಮೂವತ್ತು|ನಲವತ್ತು|ಐವತ್ತು|ಅರವತ್ತು|ಎಪ್ಪತ್ತು|ಎಂಬತ್ತು|ತೊಂಬತ್ತು"
    ),
    "ko": ("이|삼|사|오|육|칠|팔|구|십|십일|십이|이십|삼십|사십|오십|육십|칠십|팔십|구십"),
    "kz": (
        "екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|он бір|он екі|жиырма|отыз|қырық|елу|"
        "алпыс|жетпіс|сексен|тоқсан"
    ),
    "lt": (
        "du|trys|keturi|penki|šeši|septyni|aštuoni|devyni|dešimt|vienuolika|dvylika|"
        "dvidešimt|trisdešimt|keturiasdešimt|penkiasdešimt|šešiasdešimt|"
        "septyniasdešimt|aštuoniasdešimt|devyniasdešimt"
    ),
    "lv": (
        "divi|trīs|četri|pieci|seši|septiņi|astoņi|deviņi|desmit|vienpadsmit|"
        "divpadsmit|divdesmit|trīsdesmit|četrdesmit|piecdesmit|sešdesmit|septiņdesmit|"
        "astoņdesmit|deviņdesmit"
    ),
    "nl": (
        "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|"
        "veertig|vijftig|zestig|zeventig|tachtig|negentig"
    ),
    "no": (
        "to|tre|fire|fem|seks|syv|åtte|ni|ti|elleve|tolv|tjue|tretti|førti|femti|"
        "seksti|sytti|åtti|nitti"
    ),
    "pl": (
        "dwa|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć|dziesięć|jedenaście|"
        "dwanaście|dwadzieścia|trzydzieści|czterdzieści|pięćdziesiąt|sześćdziesiąt|"
        "siedemdziesiąt|osiemdziesiąt|dziewięćdziesiąt"
    ),
    "pt": (
        "dois|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|vinte|trinta|"
        "quarenta|cinquenta|sessenta|setenta|oitenta|noventa"
    ),
    "pt_BR": (
        "dois|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|vinte|trinta|"
        "quarenta|cinquenta|sessenta|setenta|oitenta|noventa"
    ),
    "ro": (
        "doi|trei|patru|cinci|șase|șapte|opt|nouă|zece|unsprezece|doisprezece|douăzeci|"
        "treizeci|patruzeci|cincizeci|șaizeci|șaptezeci|optzeci|nouăzeci"
    ),
    "ru": (
        "два|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать|двенадцать|"
        "двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто"
    ),
    "sk": (
        "dva|tri|štyri|päť|šesť|sedem|osem|deväť|desať|jedenásť|dvanásť|dvadsať|"
        "tridsať|štyridsať|päťdesiat|šesťdesiat|sedemdesiat|osemdesiat|deväťdesiat"
    ),
    "sl": (
        "dve|tri|štiri|pet|šest|sedem|osem|devet|deset|enajst|dvanajst|dvajset|"
        "trideset|štirideset|petdeset|šestdeset|sedemdeset|osemdeset|devetdeset"
    ),
    "sr": (
        "dva|tri|četiri|pet|šest|sedam|osam|devet|deset|jedanaest|dvanaest|dvadeset|"
        "trideset|četrdeset|pedeset|šezdeset|sedamdeset|osamdeset|devedeset"
    ),
    "sv": (
        "två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|trettio|förtio|femtio|"
        "sextio|sjuttio|åttio|nittio"
    ),
    "te": (
        "రెండు|మూడు|నాలుగు|అయిదు|ఆరు|ఏడు|ఎనిమిది|తొమ్మిది|పది|పదకొండు|పన్నెండు|ఇరవై|ముప్పై|నలభై|యాభై |అరవై|డెబ్బై|ఎనభై|తొంభై"
    ),
    "tet": (
        "rua|tolu|haat|lima|neen|hitu|ualu|sia|sanulu|sanulu resin ida|"
        "sanulu resin rua|ruanulu|tolunulu|haatnulu|limanulu|neenulu|hitunulu|ualunulu|"
        "sianulu"
    ),
    "tg": (
        "ду|се|чор|панҷ|шаш|ҳафт|ҳашт|нӯҳ|даҳ|ёздаҳ|дувоздаҳ|бист|си|чил|панҷоҳ|шаст|"
        "ҳафтод|ҳаштод|навад"
    ),
    "th": ("สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|สิบเอ็ด|สิบสอง|ยี่สิบ|สามสิบ|สี่สิบ|ห้าสิบ|หกสิบ|เจ็ดสิบ|แปดสิบ|เก้าสิบ"),
    "tr": (
        "iki|üç|dört|beş|altı|yedi|sekiz|dokuz|on|onbir|oniki|yirmi|otuz|kırk|elli|"
        "altmış|yetmiş|seksen|doksan"
    ),
    "uk": (
        "два|три|чотири|п'ять|шість|сім|вісім|дев'ять|десять|одинадцять|дванадцять|"
        "двадцять|тридцять|сорок|п'ятдесят|шістдесят|сімдесят|вісімдесят|дев'яносто"
    ),
    "vi": (
        "hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một|mười hai|hai mươi|ba mươi|"
        "bốn mươi|năm mươi|sáu mươi|bảy mươi|tám mươi|chín mươi"
    ),
}


def cardinals(code: str) -> tuple[str, ...] | None:
    """num2words' words for ``VALUES`` in language ``code`` (as num2words names it) from the
    table, or ``None`` when num2words must be asked (another version, another language)."""
    words = WORDS.get(code)
    if words is None or not _snapshot_installed():
        return None
    return tuple(words.split("|"))


def _snapshot_installed() -> bool:
    spec = importlib.util.find_spec("num2words")
    if spec is None or spec.origin is None:
        return False
    return (Path(spec.origin).parents[1] / f"num2words-{VERSION}.dist-info").is_dir()


def cardinal(code: str) -> Callable[[int], str] | None:
    """num2words' cardinal of a value in language ``code``: from the snapshot above when it
    holds the installed num2words' words, else from num2words (``None`` when it is not
    installed)."""
    known = cardinals(code)
    if known is not None:
        return dict(zip(VALUES, known, strict=True)).__getitem__
    try:
        from num2words import num2words
    except ImportError:
        return None
    return functools.partial(num2words, lang=code)
