"""Word lists for theme discovery: stop words (English, Welsh, Arabic) and a small glossary.

Why: function words carry no theme; leaving them in lets k-means split stories by grammar
("I was" vs "we are") instead of by what happened. The lists are deliberately plain function
words (pronouns, articles, auxiliaries, prepositions, conjunctions, very common adverbs) and do
not remove domain words such as "group", "help" or "people": those are down-weighted by IDF and
the max-df cut instead, because in some corpora they do carry meaning.

Tokens are matched after the same normalisation the tokeniser applies (case-folded, apostrophes
split, Arabic diacritics removed and letter forms unified), so contractions appear here as their
parts ("don't" -> "don", "t"; Welsh "ro'n" -> "ro", "n").
"""

from __future__ import annotations

ENGLISH: frozenset[str] = frozenset(
    """
    a about above after again against ago all almost also although always am among an and another
    any anyone anything anyway are aren around as at away back be became because become been before
    being below beside besides between both but by came can cannot could couldn did didn do does
    doesn doing don done down during each either else enough even ever every everyone everything
    few for from further get gets getting go goes going gone got had hadn has hasn have haven having
    he her here hers herself him himself his how however i if in into is isn it its itself just
    least less let like ll lot lots made make makes many may me might mine more most much must my
    myself near need neither never no nobody none nor not nothing now of off often oh ok okay on
    once one only onto or other others our ours ourselves out over own per perhaps quite rather re
    really s said same say says see seem seemed shall she should shouldn since so some somebody
    someone something sometimes still such sure t than that the their theirs them themselves then
    there these they thing things this those though through thus till to too took toward towards
    under until up upon us use used ve very via was wasn way we well went were weren what whatever
    when where whether which while who whole whom whose why will with within without won would
    wouldn yeah yes yet you your yours yourself yourselves d m
    """.split()
)

WELSH: frozenset[str] = frozenset(
    """
    a ac ag am amdano amdani ar arna arni arno at bob bod bron bu bues buodd bydd byddai byddwn
    byddwch byddan bydden chi cyn cael ces cafodd dan dros drwy dw dwi dy dych dyn dyna dyma
    dydw dydy e ei eich ein eisoes eu fan fe fel felly fi fo fu fy fydd fyddai fyddwn fydden gan
    ganddo gen gyda gydag hefyd heb hi hithau hwn hwnnw hyn hynny hyd i iddi iddo iddyn ie imi
    ni nhw nid na nac nad naill neu nes nhw oedd oeddwn oes ohono ohoni ohona ond os pa pam
    pan pawb pe pob popeth pwy roedd roeddwn ro rwy rwyf rhwng sut sydd sy tan ti trwy tua un unwaith
    wedi wedyn wnaeth wnaethon wnes wrth wrtha wrthi wrtho y yma yn ynddo yno yr ydw ydy ydyn yw
    ychydig mor mwy llawer iawn eto erbyn beth ble mae maen mewn â ma n r m w
    nawr rwan rŵan dod ddod mynd fynd gwneud wneud gallu allu gyd gilydd defnyddio ddefnyddio
    mi ers fwy dim ddim neb lle fod hun mhen pen rhy dydd cymaint peth pethau digon eisiau isio
    sydd
    """.split()
)

# Written in normalised form: no diacritics; alif forms written as bare alif; alif maqsura as
# yaa; taa marbuta as haa. The tokeniser normalises text the same way before matching.
ARABIC: frozenset[str] = frozenset(
    """
    في من الى على عن مع هذا هذه ذلك تلك هو هي هم هن انا انت انتم نحن كان كانت كانوا يكون تكون
    كنت كنا قد لقد لم لن لا ما ماذا متى اين كيف لماذا هل او ام ثم بل لكن ولكن حتى اذا ان انه
    انها كل بعض غير بين عند عندي لدي لديه لديها لديهم الذي التي الذين اللذين اي ايضا جدا فقط
    منذ بعد قبل فوق تحت امام خلف حول دون ضد هناك هنا الان اليوم كما مثل لذلك لان لانه فيه فيها
    منه منها عليه عليها اليه اليها له لها لهم لي بي به بها انني اننا التي ذات او قال قالت وهو
    وهي وانا ونحن وكان وكانت ولا وما وفي ومن وعلى ثم الا اما احد كلها كله نفس عدم سوف يا اذ
    اكثر اقل كثيرا دائما ايضا ليس ليست لست لسنا ما زال زالت زلت اصبح اصبحت اصبحنا اتي جئت
    """.split()
)

ALL: frozenset[str] = ENGLISH | WELSH | ARABIC


def _pairs(spec: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in spec.strip().splitlines():
        english, _, words = line.partition(":")
        for word in words.split():
            out[word] = english.strip()
    return out


# Cross-lingual glossary. Why: in a programme where most stories are in English and some are in
# Welsh or Arabic, a purely lexical method puts every Welsh story in one "Welsh" theme, whatever
# it is about. Mapping common wellbeing and community words to one English token lets a Welsh
# story about loneliness sit with the English ones. Unmapped words are kept as they are, so this
# only ever adds shared evidence. Welsh entries are radical (unmutated) forms: the tokeniser tries
# undoing soft, nasal and aspirate mutation before looking up. Arabic entries are normalised
# (see above) and without the article; the tokeniser also tries without common clitics.
# Format: "english token: word word ...". Written for Tallytale; extend freely.
GLOSSARY_CY: dict[str, str] = _pairs(
    """
    friend: ffrind ffrindiau cyfaill cyfeillion
    new: newydd
    lunch: cinio
    stronger: cryfach
    better: gwell
    talk: siarad sgwrsio
    avoid: osgoi
    phone: ffôn ffon ffonio
    wait: aros
    first: cyntaf
    judge: barnu
    estate: stad
    month: mis misoedd
    spend: treulio
    save: arbed
    life: bywyd
    home: cartref gartref
    calmer: tawelach
    hard: anodd
    send: anfon
    best: gorau
    people: pobl
    end: diwedd
    reach: cyrraedd
    living: byw
    day: diwrnod
    grow: tyfu
    join: ymuno
    lonely: unig
    loneliness: unigrwydd
    isolated: ynysig
    company: cwmni
    chat: sgwrs sgwrsio
    tea: paned te
    laughter: chwerthin
    family: teulu teuluoedd
    children: plant
    child: plentyn
    daughter: merch
    son: mab
    husband: gŵr
    wife: gwraig
    grandchildren: wyrion
    mum: mam
    dad: tad
    parent: rhiant rhieni
    health: iechyd
    mental: meddwl
    walking: cerdded
    leg: coes coesau
    weight: pwysau
    pressure: pwysedd
    blood: gwaed
    exercise: ymarfer
    body: corff
    energy: egni
    sleep: cysgu
    eat: bwyta
    food: bwyd
    meal: pryd prydau
    hot: poeth
    swimming: nofio
    fitter: heini
    doctor: meddyg
    gp: meddygfa
    confidence: hyder
    confident: hyderus
    depression: iselder
    anxiety: gorbryder
    worry: pryder
    anxious: pryderus
    happier: hapusach
    happy: hapus
    calm: tawel
    money: arian
    cost: costau cost
    bill: bil biliau
    electric: trydan
    gas: nwy
    bank: banc
    benefit: budd-daliadau
    credit: credyd credydau
    pension: pensiwn
    buy: prynu
    pay: talu
    debt: dyled dyledion
    expensive: drud
    afford: fforddio
    time: amser
    appointment: apwyntiad apwyntiadau
    form: ffurflen ffurflenni
    housing: tai
    house: tŷ
    council: cyngor
    hospital: ysbyty
    dentist: deintydd
    solicitor: cyfreithiwr
    letter: llythyr llythyrau
    office: swyddfa
    safe: diogel
    safety: diogelwch
    afraid: ofn
    police: heddlu
    scam: sgam sgamiau
    night: nos noson
    bullying: bwlio
    learned: dysgu dysgais dysgon
    course: cwrs cyrsiau
    class: dosbarth dosbarthiadau
    certificate: tystysgrif
    computer: cyfrifiadur
    cook: coginio
    college: coleg
    job: swydd
    skill: sgil sgiliau
    training: hyfforddiant
    english: saesneg
    welsh: cymraeg
    sign: arwyddion
    email: bost
    video: fideo
    volunteer: gwirfoddoli gwirfoddolwr gwirfoddolwyr
    help: helpu cymorth
    purpose: pwrpas
    community: cymuned cymunedol
    garden: gardd
    kitchen: cegin
    village: pentref
    member: aelod aelodau
    bus: bws bysiau
    transport: trafnidiaeth
    interpreter: dehonglydd cyfieithydd
    deaf: byddar
    hall: neuadd
    noisy: swnllyd
    lip: gwefusau
    winter: gaeaf
    disappointed: siomedig
    cancelled: canslo
    listened: gwrando
    stopped: stopiais stopio
    group: grŵp grwp
    club: clwb
    centre: canolfan
    session: sesiwn sesiynau
    week: wythnos
    feel: teimlo
    proud: balch
    trip: tripiau
    """
)

GLOSSARY_AR: dict[str, str] = _pairs(
    """
    friend: اصدقاء صديق صديقه
    better: افضل
    country: بلد
    lonely: وحده وحيد وحيدا
    company: صحبه
    tea: شاي
    laughter: نضحك ضحك
    family: عائله عائلت اسره
    children: اطفال اولاد
    son: ابن
    daughter: ابنه ابنت
    husband: زوج
    wife: زوجه زوجت
    health: صحه صحت
    mental: نفسيه
    walking: مشي امشي
    doctor: طبيب
    pressure: ضغط
    blood: دم
    food: طعام غذائي
    healthy: صحي صحيا
    sleep: نوم انام
    energy: طاقه
    exercise: رياضه
    football: كره
    confidence: ثقه ثقت
    depression: اكتئاب
    anxiety: قلق
    calm: هدوء
    hope: امل
    stress: توتر توترا
    positive: تفاؤلا متفائل
    money: مال
    price: اسعار
    bill: فاتوره
    electric: كهرباء
    free: مجاني مجانيه
    parcel: طرد
    bank: بنك
    debt: ديون
    register: تسجيل
    appointment: موعد موعدا مواعيد
    housing: سكن
    hospital: مستشفي
    home: وزاره
    office: داخليه
    letter: رساله رسائل
    solicitor: محام محامي
    asylum: لجوء
    decision: قرار
    safe: امان امن
    afraid: خائف خائفا
    police: شرطه
    night: ليل ليله
    hotel: فندق
    learned: تعلمت اتعلم
    english: انجليزيه
    computer: كمبيوتر
    certificate: شهاده
    aid: اسعافات
    college: كليه
    cook: طبخ
    class: صف
    course: دوره
    job: عمل
    volunteer: اتطوع متطوع متطوعين تطوع
    helped: ساعدوني ساعدني ساعدتني
    help: مساعده
    translate: اترجم
    community: مجتمع
    kitchen: مطبخ
    bus: حافله
    fare: اجره
    interpreter: مترجم
    hard: صعب صعبه
    outsider: غريب
    cancelled: تلغي الغاء
    stopped: توقفت
    group: مجموعه
    centre: مركز
    week: اسبوع
    session: جلسات جلسه
    feel: اشعر شعرت
    """
)

__all__ = ["ALL", "ARABIC", "ENGLISH", "GLOSSARY_AR", "GLOSSARY_CY", "WELSH"]
