"""Per-language data for sentence segmentation: abbreviations by how they behave, and the
words that typically open a sentence.

Abbreviations are listed with their final period, as they are written; lookups ignore case.
An entry with a space ("z. B.", "т. д.") is matched against the last two words. The kinds:

- ``titles``: never end a sentence, the next word belongs to them ("Dr. Smith", "ул. Ленина").
- ``numeric``: never end a sentence before a number ("No. 103", "art. 4", "Feb. 28"); before
  anything else the other rules decide.
- ``maybe``: end a sentence only when a typical sentence opener follows ("U.S. President" does
  not, "in the U.S. He" does).
- ``ending``: usually close a clause; before a capital a new sentence starts ("etc. The").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    """Space-separated entries, lower-cased; "z._B." style entries become "z. b."."""
    return frozenset(word.replace("_", " ").lower() for word in text.split())


@dataclass(frozen=True)
class LanguageRules:
    """What the splitter knows about one source language."""

    titles: frozenset[str] = frozenset()
    numeric: frozenset[str] = frozenset()
    maybe: frozenset[str] = frozenset()
    ending: frozenset[str] = frozenset()
    openers: frozenset[str] = frozenset()
    # German and similar: "am 12. Juni", "den 3. Platz": a small number with a period is an
    # ordinal unless a sentence opener follows.
    ordinal_numbers: bool = False
    # Clock abbreviations ("5 p.m."): end a sentence before a capital unless the next word
    # continues the time ("5 p.m. Monday", "9 a.m. EST") or the time opens its sentence
    # ("At 5 a.m. Mr. Smith went": words of ``time_openers`` from the sentence's start).
    times: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()
    time_openers: frozenset[str] = frozenset()
    # Era marks that end a date ("1320 هـ.", "300 م."): after a number they end a sentence.
    eras: frozenset[str] = frozenset()
    # Endings of abbreviated compounds that take a number: German "Hauptstr. 7".
    numeric_suffixes: tuple[str, ...] = ()


_EN = LanguageRules(
    titles=_words(
        "Mr. Mrs. Ms. Dr. Prof. St. Mt. Ft. Gen. Lt. Col. Maj. Capt. Sgt. Cpl. Pvt. "
        "Cmdr. Adm. Sen. Rep. Gov. Pres. Rev. Hon. Amb. Supt. Insp. Det. Atty. Messrs. Mmes. "
        "vs. v. e.g. i.e. cf. approx. ca. Ph.D. viz. Mx."
    ),
    numeric=_words(
        "No. Nos. N°. Nº. №. Vol. Vols. Fig. Figs. p. pp. ch. chap. art. sec. para. ed. no. "
        "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Rt. Hwy. Ave. Rd."
    ),
    maybe=_words(
        "U.S. U.K. U.N. E.U. U.S.A. D.C. N.Y. L.A. Inc. Ltd. Co. Corp. Bros. LLC. "
        "Mon. Tue. Tues. Wed. Thu. Thur. Thurs. Fri. Sat. Sun. al. min. km. ft. mi. oz. lb. "
        "Jr. Sr."
    ),
    ending=_words("etc."),
    openers=_words(
        "The A An He She It They We I You This That These Those There Here But And Or So Yet "
        "In On At As After Before When While If Although Though Because Since Meanwhile "
        "However Still Then Now His Her Its Their Our My Your What Who Whom Whose Why How "
        "Where Which Many Some Most All Both No Not One Other Others Earlier Later Also Last "
        "Next Such Each Every Today Tomorrow Yesterday Did Do Does Is Are Was Were Will Would "
        "Can Could Should Shall May Might Must Has Have Had Let Nobody None Few Several "
        "Instead Asked Thus Hence Indeed Even Only Never Nor For From With Without By To Of "
        "Under Over During Until Despite Among Between Through Unlike Like"
    ),
    times=_words("a.m. p.m. A.M. P.M."),
    time_words=_words(
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon. Tue. Wed. Thu. Fri. "
        "Sat. Sun. January February March April May June July August September October "
        "November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. ET EST "
        "EDT CT CST CDT PT PST PDT MT GMT UTC BST CET Eastern Central Pacific Mountain local"
    ),
    time_openers=_words(
        "At By From Until Till Before After Around About Approximately Roughly Nearly Almost "
        "Since Shortly Just Sometime Early Late On Between And To Today Yesterday Tomorrow "
        "Tonight Then Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    ),
)

# Abbreviations of English origin that news copy in other Latin- and Cyrillic-script
# languages keeps in names: "en Mt. Kisco", "à St. Louis", "Mr. Smith".
_NAMES_IN_ENGLISH = _words("Mt. Ft. St. Mr. Mrs. Ms.")

_ES = LanguageRules(
    titles=_words(
        "Sr. Sra. Srta. Sres. Sras. Dr. Dra. Drs. D. Dña. Ud. Uds. Vd. Vds. Lic. Ing. Arq. "
        "Gral. Cnel. Tte. Cap. Sgto. Mons. Pdte. Pdta. Av. Avda. Univ. Prof. Profa. Sto. Sta. "
        "p._ej. aprox. c/ EE."
    )
    | _NAMES_IN_ENGLISH,
    # Before a number: "el corredor No. 103", "el Lun. 15 de Mar.", "la pág. 34".
    numeric=_words(
        "art. arts. n°. nº. núm. nro. no. pág. págs. párr. párrf. cap. vol. fig. ene. feb. mar. "
        "abr. may. jun. jul. ago. sep. sept. oct. nov. dic. lun. mié. miér. jue. vie. sáb. dom. "
        "tel. km. n.º"
    ),
    maybe=_words("EE._UU. UU. a._C. d._C. S.A. etc. cía. h."),
    ending=_words("etc."),
    # "a las 6 p. m. El Sr. Soto llegó después" ends; "A las 5 a. m. Juan salió" does not.
    times=_words("a._m. p._m. a.m. p.m."),
    time_words=_words("GMT UTC CET ET EST"),
    time_openers=_words(
        "A Las La Desde Hasta Antes Después De Entre Sobre Hacia Alrededor Cerca Poco Pasadas "
        "Y Hoy Ayer Mañana Lunes Martes Miércoles Jueves Viernes Sábado Domingo"
    ),
    openers=_words(
        "El La Los Las Lo Un Una Unos Unas Él Ella Ellos Ellas Este Esta Estos Estas Ese Esa "
        "Eso Esto Aquel Pero Y E O Ni En Cuando Si Aunque Porque Como Desde Hasta Hoy Ayer "
        "Mañana Allí Aquí Ahí Luego Después Antes Entonces También Tampoco No Sí Se Su Sus "
        "Mi Nuestro Nuestra Yo Tú Usted Nosotros Ellas Quien Quién Qué Cuál Cómo Dónde Todo "
        "Todos Todas Nadie Nada Algunos Muchos Otro Otra Otros Según Sin Con Para Por Tras "
        "Durante Al Del A De Además Sin_embargo Mientras Así Ya Cada"
    ),
)

_FR = LanguageRules(
    titles=_words(
        "M. MM. Mme. Mmes. Mlle. Mlles. Dr. Pr. Me. Mgr. St. Ste. p._ex. cf. env. bd. boul. "
        "av. c.-à-d. Cie. Gal. Cdt. Lt. Col. Sgt. vs."
    )
    | _NAMES_IN_ENGLISH,
    numeric=_words(
        "art. n°. nº. no. p. pp. chap. vol. fig. janv. févr. mars. avr. juil. sept. oct. nov. "
        "déc. lun. mar. mer. jeu. ven. sam. dim. tél. éd. al."
    ),
    maybe=_words("J.-C. av._J.-C. apr._J.-C. É.-U. etc. h."),
    ending=_words("etc."),
    openers=_words(
        "Le La Les L' Un Une Des Du Il Elle Ils Elles On Ce Cet Cette Ces Ça Cela Mais Et Ou "
        "Donc Or Ni Car En Dans Quand Si Lorsque Puis Depuis Après Avant Alors Ainsi Aussi "
        "Aujourd'hui Aujourd’hui Hier Demain Pourtant Cependant Toutefois Enfin Selon Pour Par "
        "Sur Sous Avec Sans Chez Son Sa Ses Leur Leurs Notre Nos Votre Je Tu Nous Vous Qui "
        "Que Quoi Où Comment Pourquoi Tout Tous Toutes Personne Rien Plusieurs Certains "
        "Chaque Non Oui De À Au Aux Là Ici Dès Entre"
    ),
)

_DE = LanguageRules(
    titles=_words(
        "Dr. Prof. Hr. Hrn. Fr. Frl. Dipl. Ing. St. sog. z._B. d._h. u._a. o._ä. u._ä. "
        "i._A. i._d._R. bzw. vgl. ca. evtl. ggf. inkl. zzgl. exkl. insb. Pfr. Mag. jun. sen. "
        "v._Chr. n._Chr. Chr. Az. Abg. bspw. Bsp. ehem. gem. lt. rd. zit. vs."
    )
    | _NAMES_IN_ENGLISH,
    numeric=_words(
        "Nr. Nrn. S. Art. Abs. Bd. Kap. Abb. Tab. Ziff. Str. Jan. Feb. Apr. Aug. Sept. Okt. "
        "Nov. Dez. Mo. Di. Mi. Do. Sa. So. Tel. Std. Min. Jh. Jhd. Jahrh. Jg. Bl. Anm."
    ),
    maybe=_words("Mio. Mrd. Tsd. Co. Jh. Chr. usw. etc. Uhr."),
    ending=_words("usw. etc. u._s._w."),
    openers=_words(
        "Der Die Das Den Dem Des Ein Eine Einen Einem Einer Er Sie Es Wir Ich Du Ihr Ihre "
        "Sein Seine Unser Unsere Aber Und Oder Doch Denn In Im Am An Auf Aus Bei Mit Nach "
        "Von Vom Vor Zu Zum Zur Als Wenn Wie Was Wer Wo Warum Weil Dies Diese Dieser Dieses "
        "Dort Hier Heute Gestern Morgen Dann Danach Damit Deshalb Daher Trotzdem Jedoch Auch "
        "Noch Nun Jetzt Schon Nicht Kein Keine Alle Viele Einige Man Sonst Seit Für Gegen "
        "Über Unter Laut Nur So Da Zudem Außerdem Allerdings"
    ),
    ordinal_numbers=True,
    numeric_suffixes=("str.", "pl.", "weg."),
)

_RU = LanguageRules(
    titles=_words(
        "ул. пгт. пос. дер. просп. пр-т. пер. пл. обл. р-н. им. проф. акад. доц. гр. тов. "
        "св. см. напр. т._е. т._к. т._н. ок. ген. оз. ж.-д. ст-ца."
    )
    | _NAMES_IN_ENGLISH,
    numeric=_words(
        "№. д. кв. корп. стр. ст. п. пп. ч. с. табл. рис. гл. т. вып. тыс. млн. млрд. янв. "
        "февр. мар. апр. авг. сент. окт. нояб. дек. км. руб. коп. долл."
    ),
    maybe=_words("г. гг. в. вв. о. р. руб. коп. долл. тыс. млн. млрд. др. пр. мин. сек. ч. н._э."),
    ending=_words("т._д. т._п. и_др. и_пр. н._э. до_н._э."),
    openers=_words(
        "Он Она Оно Они Это Этот Эта Эти Этого Этой Тот Та Те Но И А В Во На По С Со К Ко У "
        "О Об Из За До После Когда Если Как Так Тогда Теперь Сейчас Однако Также Кроме При "
        "Мы Я Вы Ты Его Ее Её Их Там Здесь Все Всё Многие Сам Сама Позже Ранее Затем Потом "
        "Впрочем Между Для Уже Еще Ещё Не Ни Что Кто Где Почему Зачем Да Нет Вчера Сегодня "
        "Завтра Накануне Поэтому Причем Причём Ведь Даже Лишь Только Кстати Итак Наконец "
        "Никто Ничего Каждый Несколько Около Против Через Без Над Под Перед Среди"
    ),
)

_UK = LanguageRules(
    titles=_words(
        "вул. смт. с. сел. пров. просп. пл. обл. р-н. ім. проф. акад. доц. св. див. напр. "
        "т._зв. пор. ген. оз."
    )
    | _NAMES_IN_ENGLISH,
    numeric=_words(
        "№. буд. б. кв. корп. ст. п. пп. ч. с. табл. рис. розд. гл. т. вип. тис. млн. млрд. "
        "січ. лют. бер. квіт. трав. черв. лип. серп. вер. жовт. лист. груд. км. грн."
    ),
    maybe=_words("р. рр. м. о. ст. тис. млн. млрд. грн. хв. год. н._е."),
    ending=_words("т._д. т._ін. т._п. і_т._д. і_т._ін. н._е. до_н._е."),
    openers=_words(
        "Він Вона Воно Вони Це Цей Ця Ці Цього Цієї Той Та Ті Але І Й А В У На По З Зі Із "
        "До Після Коли Якщо Як Так Тоді Тепер Зараз Однак Проте Також Крім При Ми Я Ви Ти "
        "Його Її Їх Там Тут Всі Усі Усе Все Багато Сам Сама Пізніше Раніше Потім Згодом Для "
        "Вже Ще Не Ні Що Хто Де Чому Навіщо Так Ні Вчора Сьогодні Завтра Напередодні Тому "
        "Адже Навіть Лише Тільки Отже Нарешті Ніхто Ніщо Кожен Кілька Близько Проти Через "
        "Без Над Під Перед Серед Між Щодо"
    ),
)

_AR = LanguageRules(
    titles=_words("د. أ. أ.د. م. م.م. ق. ش. السيد."),
    numeric=_words("ص. ج. ح. رقم. ع."),
    ending=_words("ق.م. هـ. ه."),
    eras=_words("م."),
)

_HI = LanguageRules(
    titles=_words("डॉ. श्री. श्रीमती. सुश्री. प्रो. कु. स्व. ले."),
    numeric=_words("पृ. सं. क्र. नं."),
    ending=_words("आदि."),
)

RULES: dict[str, LanguageRules] = {
    "en": _EN,
    "es": _ES,
    "fr": _FR,
    "de": _DE,
    "ru": _RU,
    "uk": _UK,
    "be": _RU,
    "ar": _AR,
    "fa": _AR,
    "ur": _AR,
    "hi": _HI,
    "mr": _HI,
    "ne": _HI,
}

# Languages whose own rules are joined with the English ones: Latin-script abbreviations
# ("U.S. Steel", "Dr. Smith") occur in Chinese, Japanese, Arabic and Hindi news copy.
MIXED_WITH_ENGLISH = frozenset({"zh", "ja", "ko", "ar", "fa", "ur", "hi", "mr", "ne", "th"})


def _merged(own: LanguageRules, english: LanguageRules) -> LanguageRules:
    return LanguageRules(
        titles=own.titles | english.titles,
        numeric=own.numeric | english.numeric,
        maybe=own.maybe | english.maybe,
        ending=own.ending | english.ending,
        openers=own.openers | english.openers,
        ordinal_numbers=own.ordinal_numbers,
        times=own.times | english.times,
        time_words=own.time_words | english.time_words,
        time_openers=own.time_openers | english.time_openers,
        eras=own.eras,
    )


@lru_cache(maxsize=64)
def rules_for(lang: str) -> LanguageRules:
    """The rules of a base language code; languages without their own get the English ones
    (an unknown Latin-script language is most like English in its abbreviations)."""
    own = RULES.get(lang)
    if own is None:
        return _EN if lang not in MIXED_WITH_ENGLISH else _merged(LanguageRules(), _EN)
    return _merged(own, _EN) if lang in MIXED_WITH_ENGLISH else own
